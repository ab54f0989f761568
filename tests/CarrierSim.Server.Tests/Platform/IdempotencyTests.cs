using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CarrierSim.Server.Tests.Platform;

/// <summary>
/// Idempotency keys (DialStack's Idempotency-Key): a repeated change gets the first answer; a reused key with another
/// request gets 409. Vendors whose emulated endpoints document no key (AgentMessage's orders, Telnyx's number orders) ignore it.
/// </summary>
public sealed class IdempotencyTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _client = _sim.DialStack();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private async Task<string> AvailableAsync() =>
        (await (await _client.Get("v1/available-phone-numbers?area_code=919&quantity=1")).JsonAsync(200)).GetProperty("data")[0].GetProperty("phone_number").GetString()!;

    private Task<HttpResponseMessage> OrderAsync(string key, string number, string? chaos = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/phone-number-orders") { Content = JsonContent.Create(new { phone_numbers = new[] { number } }) };
        request.Headers.Add("Idempotency-Key", key);
        if (chaos is not null)
        {
            request.Headers.Add("X-CarrierSim-Chaos", chaos);
        }

        return (client ?? _client).SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<int> OrderCountAsync() =>
        (await (await _client.Get("v1/phone-number-orders?limit=100")).JsonAsync(200)).GetProperty("data").GetArrayLength();

    [Fact]
    public async Task TheSameKeyAndBodyReplaysTheFirstAnswer()
    {
        var number = await AvailableAsync();

        using var first = await OrderAsync("key-1", number);
        using var second = await OrderAsync("key-1", number);
        var firstBody = await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var secondBody = await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(firstBody, secondBody);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await OrderCountAsync());
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBodyIsAConflict()
    {
        var number = await AvailableAsync();
        using var first = await OrderAsync("key-2", number);

        var other = await AvailableAsync();
        var conflict = await (await OrderAsync("key-2", other == number ? "+19194601234" : other)).JsonAsync(409);

        Assert.Contains("Idempotency-Key 'key-2' was already used for a different request", conflict.GetProperty("error").GetString());
        Assert.Equal(1, await OrderCountAsync());
    }

    [Fact]
    public async Task KeysBelongToTheirCredentials()
    {
        var number = await AvailableAsync();
        using var other = _sim.DialStack(account: "acct_someoneelse");

        using var mine = await OrderAsync("shared-key", number);
        var theirs = await (await OrderAsync("shared-key", number, client: other)).JsonAsync(409);

        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal("phone_numbers_unavailable", theirs.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("lost=504")]
    [InlineData("lost=reset")]
    public async Task ARetryAfterALostAnswerLearnsWhatTheCarrierDid(string chaos)
    {
        var number = await AvailableAsync();

        try
        {
            using var lost = await OrderAsync("key-lost", number, chaos);
            Assert.Equal(HttpStatusCode.GatewayTimeout, lost.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // A reset: no answer at all.
        }

        var retry = await (await OrderAsync("key-lost", number)).JsonAsync(201);
        var blind = await (await OrderAsync("another-key", number)).JsonAsync(409);

        Assert.Equal(number, retry.GetProperty("phone_numbers")[0].GetString());
        Assert.Equal("phone_numbers_unavailable", blind.GetProperty("code").GetString());
        Assert.Equal(1, await OrderCountAsync());
    }

    [Fact]
    public async Task ARateLimitedRequestIsNotRememberedSoItsRetryRuns()
    {
        var number = await AvailableAsync();

        using var limited = await OrderAsync("key-429", number, "status=429;retry-after=1");
        using var retry = await OrderAsync("key-429", number);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await OrderCountAsync());
    }

    [Fact]
    public async Task ARetryWaitingOnAFirstAttemptThatKeptNothingRunsItself()
    {
        var number = await AvailableAsync();

        // The first attempt is held 5 s on the simulator clock, then answers 503 (nothing ran, nothing kept).
        var admin = _sim.Admin();
        await (await admin.PostJsonAsync("chaos/rules", new { name = "slow", kind = "latency", delayMs = 5000, maxInjections = 1, target = new { dialect = "dialstack" } })).JsonAsync(201);
        await (await admin.PostJsonAsync("chaos/rules", new { name = "down", kind = "outcome", statusCode = 503, maxInjections = 1, target = new { dialect = "dialstack" } })).JsonAsync(201);
        var first = OrderAsync("key-wait", number);
        for (var i = 0; i < 100 && _sim.Simulation.Chaos.Injections.Count == 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await Task.Delay(200, TestContext.Current.CancellationToken);
        var second = OrderAsync("key-wait", number);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted, "the second attempt did not wait for the first");
        _sim.Time.Advance(TimeSpan.FromSeconds(5));

        using var failed = await first.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        using var ran = await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, ran.StatusCode);
        Assert.False(ran.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await OrderCountAsync());
    }

    [Fact]
    public async Task KeysExpireAfter24HoursOfSimulatorTime()
    {
        var number = await AvailableAsync();
        using var first = await OrderAsync("key-old", number);

        _sim.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var again = await (await OrderAsync("key-old", number)).JsonAsync(409);

        Assert.Equal("phone_numbers_unavailable", again.GetProperty("code").GetString());
    }

    [Fact]
    public async Task AResetForgetsEveryKey()
    {
        var number = await AvailableAsync();
        using var first = await OrderAsync("key-reset", number);

        await (await _sim.Admin().PostAsync("reset", null, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var after = await OrderAsync("key-reset", number);

        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.False(after.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task AKeyOver255CharactersIsRefusedBeforeTheRequestRuns()
    {
        var number = await AvailableAsync();

        var tooLong = await (await OrderAsync(new string('k', 256), number)).JsonAsync(400);
        using var longest = await OrderAsync(new string('k', 255), number);

        Assert.Equal("validation_error", tooLong.GetProperty("code").GetString());
        Assert.Contains("use at most 255", tooLong.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        Assert.Equal(1, await OrderCountAsync());
    }

    [Fact]
    public async Task AgentMessageOrdersIgnoreTheKeyTheyDoNotDocument()
    {
        using var client = _sim.AgentMessage();
        var found = await (await client.PostJsonAsync("v1/phone-numbers/search", new { area_code = "415", quantity = 1 })).JsonAsync(200);
        var number = found.GetProperty("data")[0].GetProperty("number").GetString();

        async Task<HttpResponseMessage> Order()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "v1/phone-numbers/orders") { Content = JsonContent.Create(new { numbers = new[] { number } }) };
            request.Headers.Add("Idempotency-Key", "am-key");
            return await client.SendAsync(request, TestContext.Current.CancellationToken);
        }

        using var first = await Order();
        using var second = await Order();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task TelnyxNumberOrdersIgnoreTheKeyTheirReferenceDoesNotDeclare()
    {
        using var client = _sim.Anonymous("telnyx");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "KEY0idempotency_test");
        var found = await (await client.Get("v2/available_phone_numbers?filter[national_destination_code]=919&filter[limit]=1")).JsonAsync(200);
        var number = found.GetProperty("data")[0].GetProperty("phone_number").GetString();

        async Task<HttpResponseMessage> Order()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "v2/number_orders") { Content = JsonContent.Create(new { phone_numbers = new[] { new { phone_number = number } } }) };
            request.Headers.Add("Idempotency-Key", "telnyx-key");
            return await client.SendAsync(request, TestContext.Current.CancellationToken);
        }

        using var first = await Order();
        using var second = await Order();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
    }
}
