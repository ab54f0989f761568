using System.Text.Json;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Dialects;
using CarrierSim.Server.Tests.Dialects.Probes;

namespace CarrierSim.Server.Tests.Chaos;

/// <summary>
/// The chaos matrix (kind × dialect) and the magic numbers (behaviour × dialect), proved cell by cell through
/// the HTTP API: a refused cell gets 400 naming the dialect; an applying cell has the effect the matrix claims.
/// The data comes from the registry and the enums, so a new dialect or kind gets rows without editing them
/// (and fails here until its tests provide a <see cref="DialectProbe"/>).
/// </summary>
public sealed class ChaosMatrixTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;

    public async ValueTask InitializeAsync() =>
        _sim = await TestSimulator.StartAsync(new Dictionary<string, string?> { ["CarrierSim:AllowHttpCallbacks"] = "true" });

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    public static TheoryData<ChaosKind, string> Cells()
    {
        var data = new TheoryData<ChaosKind, string>();
        foreach (var kind in Enum.GetValues<ChaosKind>())
        {
            foreach (var dialect in DialectRegistry.Ids)
            {
                data.Add(kind, dialect);
            }
        }

        return data;
    }

    public static TheoryData<MagicBehaviour, string> MagicCells()
    {
        var data = new TheoryData<MagicBehaviour, string>();
        foreach (var behaviour in MagicNumbers.Table.Select(row => row.Behaviour).Distinct())
        {
            foreach (var dialect in DialectRegistry.Ids)
            {
                data.Add(behaviour, dialect);
            }
        }

        return data;
    }

    private static bool Synchronous(string dialect) => !DialectRegistry.Find(dialect)!.Capabilities.AsyncOrders;

    [Theory]
    [MemberData(nameof(Cells))]
    public void CellIsConsistent(ChaosKind kind, string dialect)
    {
        var cell = ChaosMatrix.Cell(kind, DialectRegistry.Find(dialect)!);

        Assert.Null(cell.Inconsistency);
        Assert.DoesNotContain("|", cell.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task CellBehavesAsTheMatrixSays(ChaosKind kind, string dialect)
    {
        var cell = ChaosMatrix.Cell(kind, DialectRegistry.Find(dialect)!);
        var rule = RuleJson(kind, dialect);
        var created = await _sim.Admin().PostRawAsync("chaos/rules", rule.ToJsonString());
        if (!cell.Applies)
        {
            var refusal = await created.JsonAsync(400);
            Assert.Contains($"cannot apply to {dialect}:", refusal.GetRawText(), StringComparison.Ordinal);
            Assert.Empty(_sim.Simulation.Chaos.Rules);
            return;
        }

        await created.JsonAsync(201);
        var name = rule["name"]!.GetValue<string>();
        switch (kind)
        {
            case ChaosKind.Fault:
                await FaultAsync(dialect, name);
                break;
            case ChaosKind.Latency:
                await LatencyAsync(dialect);
                break;
            case ChaosKind.Outcome:
                await OutcomeAsync(dialect);
                break;
            case ChaosKind.Drought:
                await DroughtAsync(dialect);
                break;
            case ChaosKind.Race or ChaosKind.PartialFill or ChaosKind.FulfilmentFailure or ChaosKind.StuckPending:
                await OrderKindAsync(kind, dialect);
                break;
            case ChaosKind.DropCallback or ChaosKind.DuplicateCallback:
                await CallbackAsync(kind, dialect);
                break;
            case ChaosKind.LostResponse:
                await LostResponseAsync(dialect);
                break;
            default:
                Assert.Fail($"No check for chaos kind {kind}: add one.");
                break;
        }

        await AssertInjectedOnceAsync(name);
    }

    private static System.Text.Json.Nodes.JsonObject RuleJson(ChaosKind kind, string dialect)
    {
        var rule = new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = $"matrix-{ChaosRule.KindName(kind)}",
            ["kind"] = ChaosRule.KindName(kind),
            ["target"] = new System.Text.Json.Nodes.JsonObject { ["dialect"] = dialect },
        };
        switch (kind)
        {
            case ChaosKind.Fault:
                rule["fault"] = "connectionReset";
                break;
            case ChaosKind.Latency:
                rule["delayMs"] = 5000;
                break;
            case ChaosKind.Outcome:
                rule["statusCode"] = 503;
                break;
            case ChaosKind.PartialFill:
                rule["fillRatio"] = 0.5;
                break;
            case ChaosKind.LostResponse:
                rule["loss"] = "gatewayTimeout";
                break;
        }

        return rule;
    }

    private async Task AssertInjectedOnceAsync(string rule)
    {
        var injections = await (await _sim.Admin().Get("chaos/injections")).JsonAsync(200);
        var rules = injections.EnumerateArray().Select(i => i.GetProperty("rule").GetString()).ToList();
        Assert.Equal([rule], rules);
    }

    private async Task FaultAsync(string dialect, string rule)
    {
        // A later rule on the same requests: a reset ends the request, so it must be neither applied nor logged.
        await (await _sim.Admin().PostJsonAsync("chaos/rules", new { name = "later-503", kind = "outcome", statusCode = 503, target = new { dialect } })).JsonAsync(201);
        var number = (await AvailableAsync(dialect, 1))[0];

        await Assert.ThrowsAnyAsync<Exception>(() => OrderAsync(dialect, [number]));

        // The client sees the reset before the server's pipeline unwinds: wait (bounded) for the journal entry.
        JsonElement? found = null;
        for (var attempt = 0; attempt < 100 && found is null; attempt++)
        {
            var journal = await (await _sim.Admin().Get($"journal?dialect={dialect}")).JsonAsync(200);
            found = journal.GetProperty("entries").EnumerateArray()
                .Where(e => e.GetProperty("injections").EnumerateArray().Any(i => i.GetString()!.StartsWith(rule + ":", StringComparison.Ordinal)))
                .Select(e => (JsonElement?)e).LastOrDefault();
            if (found is null)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }

        var entry = found ?? throw new Xunit.Sdk.XunitException($"no journal entry for the reset {dialect} request after 2 s");
        Assert.Equal(0, entry.GetProperty("status").GetInt32());
        Assert.Equal([$"{rule}:fault"], entry.GetProperty("injections").EnumerateArray().Select(i => i.GetString()));
        Assert.NotEqual(NumberState.Owned, Status(number).State);
    }

    private async Task LostResponseAsync(string dialect)
    {
        var number = (await AvailableAsync(dialect, 1))[0];

        var response = await OrderAsync(dialect, [number]);

        // The client sees the gateway's 504 in the vendor's envelope, but the carrier committed the order.
        AssertEnvelope(dialect, await BodyAsync(dialect, response, 504), 504);
        Assert.Equal(NumberState.Owned, Status(number).State);
    }

    private async Task LatencyAsync(string dialect)
    {
        var number = (await AvailableAsync(dialect, 1))[0];

        var pending = OrderAsync(dialect, [number]);
        await UntilDelayedAsync();
        Assert.False(pending.IsCompleted, "the request completed before the simulator clock advanced");
        _sim.Time.Advance(TimeSpan.FromSeconds(5));
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await BodyAsync(dialect, response, AcceptedStatus(dialect));
    }

    private async Task OutcomeAsync(string dialect)
    {
        var number = (await AvailableAsync(dialect, 1))[0];

        var response = await OrderAsync(dialect, [number]);

        AssertEnvelope(dialect, await BodyAsync(dialect, response, 503), 503);
        Assert.NotEqual(NumberState.Owned, Status(number).State);
    }

    private async Task DroughtAsync(string dialect) => await DialectProbe.For(dialect).AssertDroughtAsync(await SearchAsync(dialect));

    private async Task OrderKindAsync(ChaosKind kind, string dialect)
    {
        var partial = kind == ChaosKind.PartialFill && DialectProbe.For(dialect).Capabilities.PartialOrders;
        var numbers = await AvailableAsync(dialect, partial ? 2 : 1);

        var response = await OrderAsync(dialect, numbers, partial);

        if (kind == ChaosKind.Race && !RaceAccepted(dialect))
        {
            AssertConflict(dialect, await response.JsonAsync(ConflictStatus(dialect)));
        }
        else if (Synchronous(dialect) && kind != ChaosKind.StuckPending)
        {
            AssertVendorFailure(dialect, await response.JsonAsync(FailureStatus(dialect)));
        }
        else
        {
            await BodyAsync(dialect, response, AcceptedStatus(dialect));
        }

        _sim.Time.Advance(TimeSpan.FromSeconds(30));
        var orders = _sim.Simulation.Orders.All().Where(o => o.Origin == dialect).ToList();
        switch (kind)
        {
            case ChaosKind.Race:
                Assert.DoesNotContain(orders, o => o.Status == OrderStatus.Complete);
                break;
            case ChaosKind.FulfilmentFailure:
                Assert.Equal(OrderStatus.Failed, Assert.Single(orders).Status);
                break;
            case ChaosKind.PartialFill:
                Assert.Equal(partial ? OrderStatus.Partial : OrderStatus.Failed, Assert.Single(orders).Status);
                break;
            case ChaosKind.StuckPending:
                Assert.Equal(OrderStatus.Pending, Assert.Single(orders).Status);
                break;
        }

        // Where the order failed (or never was), the caller owns nothing.
        var failed = orders.SelectMany(o => o.Failed).Select(n => n.ToString()).ToHashSet();
        var notOwned = kind == ChaosKind.Race ? numbers : [.. numbers.Where(failed.Contains)];
        var expectedFailed = kind switch
        {
            // A vendor that accepts every order reports the taken number when the order settles.
            ChaosKind.Race => RaceAccepted(dialect) ? numbers.Count : 0,
            ChaosKind.StuckPending => 0,
            ChaosKind.PartialFill when partial => 1,
            _ => numbers.Count,
        };
        Assert.Equal(expectedFailed, failed.Count);
        Assert.All(notOwned, n => Assert.NotEqual(NumberState.Owned, Status(n).State));
    }

    private async Task CallbackAsync(ChaosKind kind, string dialect)
    {
        var probe = DialectProbe.For(dialect);
        Assert.True(probe.Capabilities.Callbacks);
        var number = (await AvailableAsync(dialect, 1))[0];
        await probe.BodyAsync(await probe.OrderWithCallbacksAsync(Client(dialect), number, "http://127.0.0.1:9/inbound", "http://127.0.0.1:9/status"), probe.AcceptedStatus);

        var path = kind == ChaosKind.DropCallback ? "callbacks/inbound?wait=false" : "callbacks/status?wait=false";
        var delivery = await (await _sim.Admin().PostJsonAsync(path, new { number })).JsonAsync(202);

        if (kind == ChaosKind.DropCallback)
        {
            Assert.True(delivery.GetProperty("dropped").GetBoolean());
        }
        else
        {
            Assert.False(delivery.GetProperty("dropped").GetBoolean());
            Assert.Equal(2, delivery.GetProperty("copies").GetInt32());
        }
    }

    [Theory]
    [MemberData(nameof(MagicCells))]
    public async Task MagicNumberBehavesInEveryDialect(MagicBehaviour behaviour, string dialect)
    {
        var (first, _, _, _) = MagicNumbers.Table.First(row => row.Behaviour == behaviour);
        var number = $"+1919555{first + 5:D4}";
        Assert.Equal(behaviour, MagicNumbers.Of(number));

        var pending = OrderAsync(dialect, [number]);
        if (behaviour == MagicBehaviour.Slow)
        {
            await UntilDelayedAsync();
            Assert.False(pending.IsCompleted, "a slow magic number answered before the clock advanced 2 s");
            _sim.Time.Advance(TimeSpan.FromSeconds(2));
        }

        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        switch (behaviour)
        {
            case MagicBehaviour.Available or MagicBehaviour.Slow:
                await BodyAsync(dialect, response, AcceptedStatus(dialect));
                break;
            case MagicBehaviour.Taken when RaceAccepted(dialect):
                await BodyAsync(dialect, response, AcceptedStatus(dialect));
                break;
            case MagicBehaviour.Taken:
                AssertConflict(dialect, await response.JsonAsync(ConflictStatus(dialect)));
                break;
            case MagicBehaviour.CarrierError:
                AssertEnvelope(dialect, await BodyAsync(dialect, response, 503), 503);
                break;
            case MagicBehaviour.FailsAtFulfilment or MagicBehaviour.FillsPartially when Synchronous(dialect):
                AssertVendorFailure(dialect, await response.JsonAsync(FailureStatus(dialect)));
                break;
            case MagicBehaviour.FailsAtFulfilment or MagicBehaviour.FillsPartially or MagicBehaviour.StaysPending:
                await BodyAsync(dialect, response, AcceptedStatus(dialect));
                break;
            default:
                Assert.Fail($"No check for magic behaviour {behaviour}: add one.");
                break;
        }

        _sim.Time.Advance(TimeSpan.FromSeconds(30));
        var order = _sim.Simulation.Orders.All().SingleOrDefault(o => o.Origin == dialect);
        var expected = behaviour switch
        {
            MagicBehaviour.Taken when RaceAccepted(dialect) => OrderStatus.Failed,
            MagicBehaviour.Taken or MagicBehaviour.CarrierError => (OrderStatus?)null,
            MagicBehaviour.FailsAtFulfilment or MagicBehaviour.FillsPartially => OrderStatus.Failed,
            // A synchronous purchase cannot stay pending: the number is simply bought.
            MagicBehaviour.StaysPending => Synchronous(dialect) ? OrderStatus.Complete : OrderStatus.Pending,
            _ => OrderStatus.Complete,
        };
        Assert.Equal(expected, order?.Status);
        // A pending order holds its number; a failed one (or none) leaves the caller owning nothing.
        var owned = Status(number).State == NumberState.Owned;
        Assert.Equal(expected is OrderStatus.Complete or OrderStatus.Pending, owned);
    }

    /// <summary>
    /// Waits until the engine has decided the delay (it logs the injection just before the request waits on the
    /// simulator clock), then a little more: advancing the fake clock before the wait starts would not end it.
    /// </summary>
    private async Task UntilDelayedAsync()
    {
        for (var i = 0; i < 100 && _sim.Simulation.Chaos.Injections.Count == 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await Task.Delay(300, TestContext.Current.CancellationToken);
    }

    private NumberStatus Status(string number) => _sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value);

    // ---- per-dialect requests and envelopes come from each dialect's probe (Dialects/*Probe.cs) ----

    private HttpClient Client(string dialect)
    {
        var client = _sim.Anonymous(dialect);
        foreach (var (name, value) in DialectProbe.For(dialect).Credentials)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        return client;
    }

    private Task<HttpResponseMessage> SearchAsync(string dialect) => DialectProbe.For(dialect).SearchAsync(Client(dialect), 2);

    private static IReadOnlyList<string> Numbers(string dialect, JsonElement json) => DialectProbe.For(dialect).Numbers(json);

    /// <summary>Numbers the dialect offers, found before any rule can touch the search.</summary>
    private async Task<List<string>> AvailableAsync(string dialect, int count)
    {
        // The search itself must not be touched by the rule under test: search through the admin API.
        var found = await (await _sim.Admin().Get($"inventory/search?areaCode=919&type=local&quantity={count}")).JsonAsync(200);
        var numbers = found.EnumerateArray().Select(n => n.GetProperty("phoneNumber").GetString()!).ToList();
        Assert.True(numbers.Count >= count, $"the inventory offers {numbers.Count} numbers in 919 for {dialect}");
        return [.. numbers.Take(count)];
    }

    private Task<HttpResponseMessage> OrderAsync(string dialect, IReadOnlyList<string> numbers, bool partialAllowed = false) =>
        DialectProbe.For(dialect).OrderAsync(Client(dialect), numbers, partialAllowed);

    private static int AcceptedStatus(string dialect) => DialectProbe.For(dialect).AcceptedStatus;

    private static int ConflictStatus(string dialect) => DialectProbe.For(dialect).ConflictStatus;

    private static int FailureStatus(string dialect) => DialectProbe.For(dialect).FailureStatus;

    private static bool RaceAccepted(string dialect) => DialectProbe.For(dialect).RaceAccepted;

    private static Task<JsonElement> BodyAsync(string dialect, HttpResponseMessage response, int status) => DialectProbe.For(dialect).BodyAsync(response, status);

    private static void AssertConflict(string dialect, JsonElement json) => DialectProbe.For(dialect).AssertConflict(json);

    private static void AssertVendorFailure(string dialect, JsonElement json) => DialectProbe.For(dialect).AssertFailure(json);

    private static void AssertEnvelope(string dialect, JsonElement json, int status) => DialectProbe.For(dialect).AssertServerError(json, status);
}
