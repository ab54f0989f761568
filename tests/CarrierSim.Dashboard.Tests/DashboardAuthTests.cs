using System.Net;
using System.Net.Http.Headers;
using CarrierSim.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarrierSim.Dashboard.Tests;

/// <summary>The dashboard of a simulator started with an admin token: the page loads, the data does not without the token.</summary>
public sealed class DashboardAuthTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Token = "s3cret-admin-token";
    private CarrierSimulator _sim = null!;
    private readonly HttpClient _http = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sim = await CarrierSimulator.StartAsync(o => o.AdminToken = Token, Cancel);
        _http.BaseAddress = _sim.RootAddress;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _sim.DisposeAsync();
    }

    [Theory]
    [InlineData("__admin/ui", "text/html")]
    [InlineData("__admin/ui/", "text/html")]
    [InlineData("__admin/ui/app.js", "text/javascript")]
    [InlineData("__admin/ui/app.css", "text/css")]
    public async Task DashboardFilesLoadWithoutTheTokenAndHoldNoData(string path, string mediaType)
    {
        using var response = await _http.GetAsync(path, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("acct_", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("__admin/info")]
    [InlineData("__admin/journal/stream?since=0")]
    [InlineData("__admin/journal")]
    [InlineData("__admin/orders")]
    [InlineData("__admin/accounts")]
    [InlineData("__admin/chaos/rules")]
    [InlineData("__admin/inventory/search?areaCode=919")]
    [InlineData("__admin/ui/no-such-file.js")]
    public async Task DataEndpointsRefuseWithoutTheToken(string path)
    {
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("admin token", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyGetOfTheDashboardFilesSkipsTheToken()
    {
        using var post = await _http.PostAsync("__admin/ui", new StringContent(""), Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "__admin/orders");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var authorised = await _http.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, authorised.StatusCode);
    }

    [Fact]
    public async Task PageAsksForTheTokenRefusesAWrongOneAndOpensWithTheRightOne()
    {
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync(new Uri(_sim.RootAddress, "__admin/ui").ToString());
            await Expect(page.Locator("#login")).ToBeVisibleAsync();
            await Expect(page.Locator("#app")).ToBeHiddenAsync();
            await Expect(page.Locator("#journal-rows tr")).ToHaveCountAsync(0);

            await page.Locator("#token").FillAsync("wrong");
            await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
            await Expect(page.Locator("#problem-detail")).ToContainTextAsync("The token was refused: The admin API needs the admin token");
            await Expect(page.Locator("#app")).ToBeHiddenAsync();

            await page.Locator("#token").FillAsync(Token);
            await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
            await Expect(page.Locator("#app")).ToBeVisibleAsync();
            await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
            Assert.Equal(Token, await page.EvaluateAsync<string>("() => sessionStorage.getItem('carriersim.adminToken')"));

            // The live journal works through the token too.
            using var dialstack = _sim.CreateClient("dialstack");
            using var search = await dialstack.GetAsync("v1/available-phone-numbers?area_code=919&quantity=1", Cancel);
            await Expect(page.Locator("#journal-rows tr", new() { HasText = "dialstack.searchNumbers" })).ToHaveCountAsync(1);

            // Forgetting the token closes the dashboard again.
            await page.GetByRole(AriaRole.Button, new() { Name = "Forget token" }).ClickAsync();
            await Expect(page.Locator("#login")).ToBeVisibleAsync();
            await Expect(page.Locator("#app")).ToBeHiddenAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
