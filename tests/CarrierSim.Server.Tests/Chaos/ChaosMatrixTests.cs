using System.Text.Json;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Dialects;

namespace CarrierSim.Server.Tests.Chaos;

/// <summary>
/// The chaos matrix (kind × dialect) and the magic numbers (behaviour × dialect), proved cell by cell through
/// the HTTP API: a refused cell gets 400 naming the dialect; an applying cell has the effect the matrix claims.
/// The data comes from the registry and the enums, so a new dialect or kind gets rows without editing them
/// (and fails here until the request helpers know how to call it).
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

    private async Task DroughtAsync(string dialect)
    {
        var response = await SearchAsync(dialect);

        if (dialect == "agentmessage")
        {
            var json = await response.JsonAsync(409);
            Assert.Equal("INSUFFICIENT_INVENTORY", json.GetProperty("error").GetProperty("code").GetString());
        }
        else
        {
            Assert.Empty(Numbers(dialect, await BodyAsync(dialect, response, 200)));
        }
    }

    private async Task OrderKindAsync(ChaosKind kind, string dialect)
    {
        var partial = kind == ChaosKind.PartialFill && dialect is "dialstack" or "telnyx" or "bandwidth";
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
        Assert.Equal("agentmessage", dialect);
        var number = (await AvailableAsync(dialect, 1))[0];
        await (await _sim.AgentMessage().PostJsonAsync("v1/phone-numbers/orders", new
        {
            numbers = new[] { number },
            inbound_url = "http://127.0.0.1:9/inbound",
            status_url = "http://127.0.0.1:9/status",
        })).JsonAsync(200);

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

    // ---- per-dialect requests and envelopes: a new dialect fails here until it is added ----

    private HttpClient Client(string dialect) => dialect switch
    {
        "dialstack" => _sim.DialStack(),
        "agentmessage" => _sim.AgentMessage(),
        "dialnexa" => _sim.DialNexa(),
        "identitycall" => _sim.IdentityCall(),
        "telnyx" => WithHeaders(_sim.Anonymous(dialect), ("Authorization", "Bearer KEY0matrix_test")),
        "plivo" => WithHeaders(_sim.Anonymous(dialect), ("Authorization", "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(PlivoAuthId + ":token")))),
        "bandwidth" => _sim.Bandwidth(),
        "twilio" => WithHeaders(_sim.Anonymous(dialect), [.. global::CarrierSim.Server.Hosting.CarrierSimDialects.Credentials("twilio").Select(p => (p.Key, p.Value))]),
        _ => throw new NotSupportedException($"No client for dialect {dialect}: add it to ChaosMatrixTests."),
    };

    private const string PlivoAuthId = "MAMATRIX000000000000";

    private static readonly string TwilioAccount = "2010-04-01/Accounts/" + global::CarrierSim.Server.Dialects.Twilio.TwilioDialect.DefaultAccountSid;

    private static HttpClient WithHeaders(HttpClient client, params (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        return client;
    }

    private async Task<HttpResponseMessage> SearchAsync(string dialect) => dialect switch
    {
        "dialstack" => await Client(dialect).Get("v1/available-phone-numbers?area_code=919&quantity=2"),
        "agentmessage" => await Client(dialect).PostJsonAsync("v1/phone-numbers/search", new { area_code = "919", quantity = 2 }),
        "dialnexa" => await Client(dialect).Get("v1/organization-phone-numbers/plivo-numbers?country_iso=US&type=local&limit=2"),
        "identitycall" => await Client(dialect).Get("api/v1/public/virtual_numbers/available?country=US&number_type=local"),
        "telnyx" => await Client(dialect).Get("v2/available_phone_numbers?filter[national_destination_code]=919&filter[limit]=2"),
        "plivo" => await Client(dialect).Get($"v1/Account/{PlivoAuthId}/PhoneNumber/?country_iso=US&pattern=919&limit=2"),
        "bandwidth" => await Client(dialect).Get("api/accounts/9900000/availableNumbers?areaCode=919&quantity=2"),
        "twilio" => await Client(dialect).Get($"{TwilioAccount}/AvailablePhoneNumbers/US/Local.json?AreaCode=919&PageSize=2"),
        _ => throw new NotSupportedException($"No search for dialect {dialect}: add it to ChaosMatrixTests."),
    };

    private static List<string> Numbers(string dialect, JsonElement json) => dialect switch
    {
        "dialstack" => [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)],
        "agentmessage" => [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("number").GetString()!)],
        "dialnexa" => [.. json.GetProperty("objects").EnumerateArray().Select(n => "+" + n.GetProperty("number").GetString()!.TrimStart('+'))],
        "identitycall" or "telnyx" => [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)],
        "plivo" => [.. json.GetProperty("objects").EnumerateArray().Select(n => "+" + n.GetProperty("number").GetString()!)],
        "bandwidth" => [.. Xml(json).Descendants("TelephoneNumber").Select(n => "+1" + n.Value)],
        "twilio" => [.. json.GetProperty("available_phone_numbers").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)],
        _ => throw new NotSupportedException($"No search result reader for dialect {dialect}: add it to ChaosMatrixTests."),
    };

    /// <summary>Numbers the dialect offers, found before any rule can touch the search.</summary>
    private async Task<List<string>> AvailableAsync(string dialect, int count)
    {
        // The search itself must not be touched by the rule under test: search through the admin API.
        var found = await (await _sim.Admin().Get($"inventory/search?areaCode=919&type=local&quantity={count}")).JsonAsync(200);
        var numbers = found.EnumerateArray().Select(n => n.GetProperty("phoneNumber").GetString()!).ToList();
        Assert.True(numbers.Count >= count, $"the inventory offers {numbers.Count} numbers in 919 for {dialect}");
        return [.. numbers.Take(count)];
    }

    private async Task<HttpResponseMessage> OrderAsync(string dialect, IReadOnlyList<string> numbers, bool partialAllowed = false) => dialect switch
    {
        "dialstack" => await Client(dialect).PostJsonAsync("v1/phone-number-orders", partialAllowed ? new { phone_numbers = numbers, partial_allowed = true } : (object)new { phone_numbers = numbers }),
        "agentmessage" => await Client(dialect).PostJsonAsync("v1/phone-numbers/orders", new { numbers }),
        "dialnexa" => await Client(dialect).PostJsonAsync("v1/organization-phone-numbers/purchase", new { phone_number = Assert.Single(numbers) }),
        "identitycall" => await Client(dialect).PostJsonAsync("api/v1/public/virtual_numbers/purchase", new { phone_number = Assert.Single(numbers) }),
        "telnyx" => await Client(dialect).PostJsonAsync("v2/number_orders", new { phone_numbers = numbers.Select(n => new { phone_number = n }).ToArray() }),
        "plivo" => await Client(dialect).PostJsonAsync($"v1/Account/{PlivoAuthId}/PhoneNumber/{Assert.Single(numbers).TrimStart('+')}/", new { }),
        "bandwidth" => await Client(dialect).PostAsync("api/accounts/9900000/orders", new StringContent(
            $"<Order><ExistingTelephoneNumberOrderType><TelephoneNumberList>{string.Concat(numbers.Select(n => $"<TelephoneNumber>{n[2..]}</TelephoneNumber>"))}</TelephoneNumberList></ExistingTelephoneNumberOrderType><PartialAllowed>{(partialAllowed ? "true" : "false")}</PartialAllowed><SiteId>743</SiteId></Order>",
            System.Text.Encoding.UTF8, "application/xml"), TestContext.Current.CancellationToken),
        "twilio" => await Client(dialect).PostAsync($"{TwilioAccount}/IncomingPhoneNumbers.json",
            new FormUrlEncodedContent([KeyValuePair.Create("PhoneNumber", Assert.Single(numbers))]), TestContext.Current.CancellationToken),
        _ => throw new NotSupportedException($"No order for dialect {dialect}: add it to ChaosMatrixTests."),
    };

    /// <summary>What a purchase the vendor accepts answers.</summary>
    private static int AcceptedStatus(string dialect) => dialect switch
    {
        "agentmessage" or "telnyx" => 200,
        "dialstack" or "dialnexa" or "identitycall" or "plivo" or "bandwidth" or "twilio" => 201,
        _ => throw new NotSupportedException($"No accepted status for dialect {dialect}: add it to ChaosMatrixTests."),
    };

    private static int ConflictStatus(string dialect) => dialect switch
    {
        "identitycall" or "telnyx" => 422,
        "plivo" or "twilio" => 400,
        _ => 409,
    };

    /// <summary>Vendors that accept an order for a taken number and fail it when it settles (Bandwidth: 201 RECEIVED, then FAILED with 5005).</summary>
    private static bool RaceAccepted(string dialect) => dialect == "bandwidth";

    /// <summary>The answer's body with its status checked: JSON, or for an XML vendor the document text as a JSON string (read it with <see cref="Xml"/>).</summary>
    private static async Task<JsonElement> BodyAsync(string dialect, HttpResponseMessage response, int status)
    {
        if (dialect != "bandwidth")
        {
            return await response.JsonAsync(status);
        }

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.SerializeToElement(text);
    }

    private static System.Xml.Linq.XElement Xml(JsonElement body) => System.Xml.Linq.XDocument.Parse(body.GetString()!).Root!;

    /// <summary>What a synchronous purchase that fails at fulfilment answers.</summary>
    private static int FailureStatus(string dialect) => dialect switch
    {
        "agentmessage" => 409,
        "identitycall" => 422,
        "plivo" or "twilio" => 400,
        _ => throw new NotSupportedException($"{dialect} does not settle purchases synchronously."),
    };

    private static void AssertConflict(string dialect, JsonElement json)
    {
        switch (dialect)
        {
            case "dialstack":
                Assert.Equal("phone_numbers_unavailable", json.GetProperty("code").GetString());
                break;
            case "agentmessage":
                Assert.Equal("INSUFFICIENT_INVENTORY", json.GetProperty("error").GetProperty("code").GetString());
                break;
            case "dialnexa":
                Assert.Equal(409, json.GetProperty("statusCode").GetInt32());
                break;
            case "plivo":
                Assert.True(Guid.TryParse(json.GetProperty("api_id").GetString(), out _));
                Assert.Contains("not available", json.GetProperty("error").GetString(), StringComparison.Ordinal);
                break;
            case "telnyx":
                Assert.Equal("10015", json.GetProperty("errors")[0].GetProperty("code").GetString());
                Assert.Contains("no longer available", json.GetProperty("errors")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
                break;
            case "twilio":
                Assert.Equal(21422, json.GetProperty("code").GetInt32());
                break;
            default:
                Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()));
                break;
        }
    }

    private static void AssertVendorFailure(string dialect, JsonElement json)
    {
        if (dialect == "agentmessage")
        {
            Assert.False(json.GetProperty("success").GetBoolean());
            Assert.Equal("INSUFFICIENT_INVENTORY", json.GetProperty("error").GetProperty("code").GetString());
        }
        else if (dialect == "twilio")
        {
            Assert.Equal(21422, json.GetProperty("code").GetInt32());
            Assert.Contains("fulfilment", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("fulfilment", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    private static void AssertEnvelope(string dialect, JsonElement json, int status)
    {
        switch (dialect)
        {
            case "dialstack":
                Assert.Equal("server_error", json.GetProperty("code").GetString());
                Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()));
                break;
            case "agentmessage":
                Assert.False(json.GetProperty("success").GetBoolean());
                Assert.Equal(status == 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_ERROR", json.GetProperty("error").GetProperty("code").GetString());
                break;
            case "dialnexa":
                Assert.Equal(status, json.GetProperty("statusCode").GetInt32());
                Assert.Equal(JsonValueKind.String, json.GetProperty("error").ValueKind);
                break;
            case "telnyx":
                Assert.Equal("10007", json.GetProperty("errors")[0].GetProperty("code").GetString());
                Assert.False(string.IsNullOrEmpty(json.GetProperty("errors")[0].GetProperty("detail").GetString()));
                break;
            case "bandwidth":
                var error = Xml(json).Element("ErrorList")!.Element("Error")!;
                Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Element("Code")!.Value);
                Assert.False(string.IsNullOrEmpty(error.Element("Description")!.Value));
                break;
            case "twilio":
                Assert.Equal((20000 + status, status), (json.GetProperty("code").GetInt32(), json.GetProperty("status").GetInt32()));
                break;
            default:
                Assert.Equal(JsonValueKind.String, json.GetProperty("error").ValueKind);
                break;
        }
    }
}
