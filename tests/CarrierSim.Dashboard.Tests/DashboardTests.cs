using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CarrierSim.AdminClient;
using CarrierSim.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarrierSim.Dashboard.Tests;

/// <summary>The dashboard in a real browser, against a simulator on a loopback port with no admin token.</summary>
public sealed class DashboardTests(BrowserFixture browser) : IAsyncLifetime
{
    private CarrierSimulator _sim = null!;
    private IPage _page = null!;
    private readonly List<string> _scriptErrors = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sim = await CarrierSimulator.StartAsync(o => o.OrderPendingFor = TimeSpan.FromMinutes(5), Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        if (_page is not null)
        {
            await _page.Context.CloseAsync();
        }

        await _sim.DisposeAsync();
    }

    private async Task OpenAsync()
    {
        _page = await browser.NewPageAsync();
        _page.PageError += (_, error) => _scriptErrors.Add(error);
        await _page.GotoAsync(new Uri(_sim.RootAddress, "__admin/ui").ToString());
        await Expect(_page.Locator("#connection")).ToHaveTextAsync("live");
    }

    private Task TabAsync(string name) => _page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true }).ClickAsync();

    [Fact]
    public async Task PageLoadsWithTheSimulatorsNameAndALiveJournal()
    {
        await OpenAsync();

        await Expect(_page).ToHaveTitleAsync("CarrierSim dashboard");
        await Expect(_page.Locator("#simulator")).ToContainTextAsync("seed 42");
        await Expect(_page.Locator("#simulator")).ToContainTextAsync("dialstack");
        await Expect(_page.Locator("#login")).ToBeHiddenAsync();
        Assert.Empty(_scriptErrors);
    }

    [Fact]
    public async Task RequestThroughADialectAppearsInTheJournalWithoutReload()
    {
        await OpenAsync();
        await Expect(_page.Locator("#journal-rows tr")).ToHaveCountAsync(0);

        using var dialstack = _sim.CreateClient("dialstack");
        using var response = await dialstack.GetAsync("v1/available-phone-numbers?area_code=919&quantity=2", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var row = _page.Locator("#journal-rows tr", new() { HasText = "dialstack.searchNumbers" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("GET /dialstack/v1/available-phone-numbers?area_code=919&quantity=2");
        await Expect(row.Locator("td.status")).ToHaveTextAsync("200");

        // A second request arrives on the same stream, newest first.
        using var missing = await dialstack.GetAsync("v1/phone-number-orders/ord_missing", Cancel);
        await Expect(_page.Locator("#journal-rows tr").First).ToContainTextAsync("dialstack.getOrder");
        await Expect(_page.Locator("#journal-rows tr").First.Locator("td.status")).ToHaveTextAsync(((int)missing.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(_scriptErrors);
    }

    [Fact]
    public async Task TogglingAChaosRuleChangesItInTheApi()
    {
        await _sim.Admin.PutChaosRuleAsync(new OutcomeRule { Name = "dialstack-503", Target = new ChaosTarget { Dialect = "dialstack" }, StatusCode = 503 }, Cancel);
        await OpenAsync();
        await TabAsync("Chaos");

        var toggle = _page.GetByLabel("enable dialstack-503");
        await Expect(toggle).ToBeCheckedAsync();
        await toggle.UncheckAsync();
        await WaitForAsync(async () => !(await _sim.Admin.GetChaosRuleAsync("dialstack-503", Cancel)).Enabled, "the rule to be disabled in the API");

        await toggle.CheckAsync();
        await WaitForAsync(async () => (await _sim.Admin.GetChaosRuleAsync("dialstack-503", Cancel)).Enabled, "the rule to be enabled again in the API");
        Assert.Empty(_scriptErrors);
    }

    [Fact]
    public async Task SwitchingTheScenarioAppliesItsRules()
    {
        await OpenAsync();
        await TabAsync("Chaos");

        await _page.Locator("#scenario-select").SelectOptionAsync("slow-carrier");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Expect(_page.Locator("#scenario-current")).ToHaveTextAsync("slow-carrier");
        await Expect(_page.Locator("#rules-rows tr[data-rule='slow-fulfilment']")).ToHaveCountAsync(1);
        var catalog = await _sim.Admin.ListScenariosAsync(Cancel);
        Assert.Equal("slow-carrier", catalog.Current);
        Assert.Contains(await _sim.Admin.ListChaosRulesAsync(Cancel), r => r.Name == "slow-responses");
    }

    [Fact]
    public async Task ClockControlsFreezeAndAdvanceTheSimulatorClock()
    {
        await OpenAsync();
        await TabAsync("Clock");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Freeze", Exact = true }).ClickAsync();
        await Expect(_page.Locator("#clock-frozen")).ToHaveTextAsync("frozen");
        var frozen = await _sim.Admin.GetClockAsync(Cancel);
        Assert.True(frozen.Frozen);

        await _page.GetByRole(AriaRole.Button, new() { Name = "+1 h" }).ClickAsync();
        await WaitForAsync(async () => (await _sim.Admin.GetClockAsync(Cancel)).Now == frozen.Now.AddHours(1), "the clock to be one hour later");
        await Expect(_page.Locator("#clock-now")).ToHaveTextAsync(frozen.Now.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "Z");

        await _page.Locator("#advance-by").FillAsync("00:05:00");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Advance", Exact = true }).ClickAsync();
        await WaitForAsync(async () => (await _sim.Admin.GetClockAsync(Cancel)).Now == frozen.Now.AddHours(1).AddMinutes(5), "the clock to advance five more minutes");

        await _page.GetByRole(AriaRole.Button, new() { Name = "Unfreeze" }).ClickAsync();
        await Expect(_page.Locator("#clock-frozen")).ToHaveTextAsync("running");
        Assert.False((await _sim.Admin.GetClockAsync(Cancel)).Frozen);
    }

    [Fact]
    public async Task AdminErrorsShowTheProblemsDetail()
    {
        await OpenAsync();
        await TabAsync("Clock");

        await _page.Locator("#advance-by").FillAsync("-5");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Advance", Exact = true }).ClickAsync();

        await Expect(_page.Locator("#problem")).ToBeVisibleAsync();
        await Expect(_page.Locator("#problem-title")).ToContainTextAsync("400");
        await Expect(_page.Locator("#problem-detail")).ToContainTextAsync("seconds must be a finite number from 0");
    }

    [Fact]
    public async Task InventorySearchShowsTheNumbersForEachFilter()
    {
        await OpenAsync();
        await TabAsync("Inventory");
        await Expect(_page.Locator("#inventory-stats")).ToContainTextAsync("exchanges");

        var form = _page.Locator("#inventory-form");
        await form.Locator("[name=areaCode]").FillAsync("919");
        await form.Locator("[name=quantity]").FillAsync("3");
        await form.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        var rows = _page.Locator("#inventory-rows tr");
        await Expect(rows).ToHaveCountAsync(3);
        foreach (var number in await rows.Locator("td:first-child").AllTextContentsAsync())
        {
            Assert.StartsWith("+1919", number);
        }

        // The rate centers found are offered as a narrower search; the API agrees on what it finds.
        var center = _page.Locator("#rate-centers button").First;
        await Expect(center).ToBeVisibleAsync();
        await center.ClickAsync();
        var rateCenter = await form.Locator("[name=rateCenter]").InputValueAsync();
        Assert.NotEqual("", rateCenter);
        var expected = await _sim.Admin.SearchInventoryAsync(new InventoryQuery { AreaCode = "919", RateCenter = rateCenter, State = await form.Locator("[name=state]").InputValueAsync(), Quantity = 3 }, Cancel);
        await Expect(rows).ToHaveCountAsync(expected.Count);
        await Expect(rows.Locator("td:nth-child(3)").First).ToHaveTextAsync(rateCenter);

        // A filter the API refuses shows its problem, saying how to fix it.
        await form.Locator("[name=rateCenter]").FillAsync("");
        await form.Locator("[name=state]").FillAsync("");
        await form.Locator("[name=areaCode]").FillAsync("12");
        await form.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(_page.Locator("#problem-detail")).Not.ToBeEmptyAsync();
        Assert.Empty(_scriptErrors);
    }

    [Fact]
    public async Task OrderPlacedThroughDialStackShowsWithItsStateAndTimeline()
    {
        await OpenAsync();
        await TabAsync("Orders");
        await Expect(_page.Locator("#orders-rows tr")).ToHaveCountAsync(0);

        using var dialstack = _sim.CreateClient("dialstack");
        var found = await dialstack.GetFromJsonAsync<JsonElement>("v1/available-phone-numbers?area_code=919&quantity=1", Cancel);
        var number = found.GetProperty("data")[0].GetProperty("phone_number").GetString()!;
        using var placed = await dialstack.PostAsJsonAsync("v1/phone-number-orders", new { phone_numbers = new[] { number } }, Cancel);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var id = (await placed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetString()!;

        // The orders tab reloads by itself when the journal reports the request.
        var row = _page.Locator($"#orders-rows tr[data-order='{id}']");
        await Expect(row).ToContainTextAsync("pending");
        await Expect(row).ToContainTextAsync("dialstack");

        // Its timeline: placed, due; then each request that names it, as it arrives.
        await row.ClickAsync();
        var timeline = _page.Locator("#order-detail .timeline li");
        await Expect(timeline).ToHaveCountAsync(2);
        await Expect(timeline.First).ToContainTextAsync("placed (purchase, 1 number)");
        await Expect(timeline.Nth(1)).ToContainTextAsync("due to settle");
        await Expect(_page.Locator("#order-detail")).ToContainTextAsync(number);
        using (var poll = await dialstack.GetAsync($"v1/phone-number-orders/{id}", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        }

        await Expect(timeline).ToHaveCountAsync(3);
        await Expect(timeline.Nth(1)).ToContainTextAsync($"GET /dialstack/v1/phone-number-orders/{id} → 200 (dialstack.getOrder)");

        // Settled on the simulator clock; a refresh shows the new state.
        await _sim.Admin.AdvanceClockAsync(TimeSpan.FromMinutes(10), Cancel);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Expect(row).ToContainTextAsync("complete");
        await Expect(_page.Locator("#order-status")).ToHaveTextAsync("complete");
        await Expect(timeline.Last).ToContainTextAsync("complete");

        // The buyer's numbers show under its tenant.
        await TabAsync("Numbers");
        await Expect(_page.Locator("article.account[data-dialect='dialstack']")).ToContainTextAsync(number);
        Assert.Empty(_scriptErrors);
    }

    [Fact]
    public async Task DataIsShownAsTextNeverAsMarkup()
    {
        const string Hostile = "<img src=x onerror=\"window.injected=1\">";
        await _sim.Admin.CreateAccountAsync(new AccountDefinition { Dialect = "agentmessage", Id = Hostile }, Cancel);
        await OpenAsync();
        await TabAsync("Numbers");

        var account = _page.Locator("article.account[data-dialect='agentmessage']");
        await Expect(account).ToContainTextAsync(Hostile);
        await Expect(_page.Locator("#accounts img")).ToHaveCountAsync(0);
        Assert.False(await _page.EvaluateAsync<bool>("() => 'injected' in window"));
        Assert.Empty(_scriptErrors);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(100, Cancel);
        }
    }
}
