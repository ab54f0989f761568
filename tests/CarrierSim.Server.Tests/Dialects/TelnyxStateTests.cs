using System.Net.Http.Headers;
using System.Net.Http.Json;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>Telnyx's number orders, phone numbers and reservations as tenant state: imported into another simulation, they answer the same.</summary>
public sealed class TelnyxStateTests : TwoSimulatorTests
{
    private static readonly string[] Keys = ["KEY0state_a", "KEY0state_b"];

    private static HttpClient Client(TestSimulator sim, string key)
    {
        var client = sim.Anonymous("telnyx");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static Task<Account> TenantAsync(TestSimulator sim, HttpClient client) =>
        TenantStateTransfer.TenantOfAsync(sim, "telnyx", () => client.Get("v2/phone_numbers"));

    private static async Task<string> BodyAsync(HttpClient client, string path)
    {
        var response = await client.Get(path);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}";
    }

    private static object Order(IEnumerable<string> numbers, string? bundle = null) => new
    {
        phone_numbers = numbers.Select(n => new { phone_number = n, bundle_id = bundle }).ToArray(),
        customer_reference = "order-ref",
        connection_id = "conn-1",
        messaging_profile_id = "mp-1",
        billing_group_id = "bg-1",
    };

    /// <summary>
    /// Two settled orders (one number updated in every field, one deleted), a reservation extended
    /// later, and an order still pending; returns the numbers it touched.
    /// </summary>
    private async Task<List<PhoneNumber>> ActAsync(HttpClient client, string areaCode)
    {
        var found = await (await client.Get($"v2/available_phone_numbers?filter[national_destination_code]={areaCode}&filter[limit]=6")).JsonAsync(200);
        var numbers = found.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!).ToList();
        Assert.Equal(6, numbers.Count);

        await (await client.PostJsonAsync("v2/number_orders", Order(numbers[..2], "bundle-1"))).JsonAsync(200);
        await (await client.PostJsonAsync("v2/number_orders", Order(numbers[2..3]))).JsonAsync(200);
        First.Time.Advance(TimeSpan.FromSeconds(5));
        var list = await (await client.Get("v2/phone_numbers")).JsonAsync(200);
        var ids = list.GetProperty("data").EnumerateArray().ToDictionary(n => n.GetProperty("phone_number").GetString()!, n => n.GetProperty("id").GetString()!);
        await (await client.PatchAsync($"v2/phone_numbers/{ids[numbers[0]]}", JsonContent.Create(new
        {
            tags = new[] { "sales", "east" },
            external_pin = "1234",
            customer_reference = "updated-ref",
            connection_id = "conn-2",
            billing_group_id = "bg-2",
            address_id = "addr-1",
            hd_voice_enabled = true,
        }), TestContext.Current.CancellationToken)).JsonAsync(200);
        await (await client.DeleteAsync($"v2/phone_numbers/{ids[numbers[1]]}", TestContext.Current.CancellationToken)).JsonAsync(200);

        var reservation = (await (await client.PostJsonAsync("v2/number_reservations", new { phone_numbers = numbers[3..5].Select(n => new { phone_number = n }).ToArray(), customer_reference = "hold-ref" })).JsonAsync(200)).GetProperty("data");
        First.Time.Advance(TimeSpan.FromMinutes(10));
        await (await client.PostJsonAsync($"v2/number_reservations/{reservation.GetProperty("id").GetString()}/actions/extend", new { })).JsonAsync(200);

        await (await client.PostJsonAsync("v2/number_orders", Order(numbers[5..]))).JsonAsync(200);
        return [.. numbers.Select(n => PhoneNumber.Parse(n).Value)];
    }

    /// <summary>Every list and get answer of the account.</summary>
    private static async Task<List<string>> AnswersAsync(HttpClient client)
    {
        var answers = new List<string>();
        foreach (var (list, get) in new[] { ("v2/number_orders", "v2/number_orders"), ("v2/phone_numbers", "v2/phone_numbers"), ("v2/number_reservations", "v2/number_reservations") })
        {
            var json = await (await client.Get(list)).JsonAsync(200);
            answers.Add(json.GetRawText());
            foreach (var item in json.GetProperty("data").EnumerateArray())
            {
                answers.Add(await BodyAsync(client, $"{get}/{item.GetProperty("id").GetString()}"));
            }
        }

        answers.Add(await BodyAsync(client, "v2/phone_numbers?filter[tag]=sales"));
        answers.Add(await BodyAsync(client, "v2/phone_numbers?filter[status]=deleted"));
        answers.Add(await BodyAsync(client, "v2/phone_numbers?page[size]=1&page[number]=2"));
        return answers;
    }

    [Fact]
    public async Task ImportedAccountsAnswerListsAndGetsByteForByte()
    {
        using (var stranger = Client(Second, "KEY0stranger"))
        {
            await TenantAsync(Second, stranger);
        }

        var owners = new Dictionary<OwnerId, OwnerId>();
        var numbers = new List<PhoneNumber>();
        foreach (var (key, areaCode) in Keys.Zip(["919", "415"]))
        {
            using var client = Client(First, key);
            using var copied = Client(Second, key);
            var tenant = await TenantAsync(First, client);
            var theirs = await TenantAsync(Second, copied);
            Assert.NotEqual(tenant.Owner, theirs.Owner);
            owners[tenant.Owner] = theirs.Owner;
            numbers.AddRange(await ActAsync(client, areaCode));
        }

        // The first account's last order fell due while the second acted: a read settles it, as the
        // next request would, so that the state copied is the state the first simulation answers.
        foreach (var key in Keys)
        {
            using var client = Client(First, key);
            await (await client.Get("v2/number_orders")).JsonAsync(200);
        }

        TenantStateTransfer.Copy(First, Second, "telnyx", owners, numbers);
        AssertSameExports("telnyx", owners);

        // Answered while an order is pending, then again once it settled in each simulation.
        foreach (var advance in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(5) })
        {
            First.Time.Advance(advance);
            Second.Time.Advance(advance);
            var orders = "";
            foreach (var key in Keys)
            {
                using var client = Client(First, key);
                using var copied = Client(Second, key);
                var expected = await AnswersAsync(client);
                Assert.Equal(expected, await AnswersAsync(copied));
                Assert.Contains("\"hd_voice_enabled\":true", string.Concat(expected), StringComparison.Ordinal);
                Assert.Contains("\"deleted\"", string.Concat(expected), StringComparison.Ordinal);
                orders += expected[0];
            }

            Assert.Equal(advance == TimeSpan.Zero, orders.Contains("\"status\":\"pending\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ImportingNothingRemovesTheOwnersRecordsOnly()
    {
        var tenants = new List<Account>();
        foreach (var (key, areaCode) in Keys.Zip(["919", "415"]))
        {
            using var client = Client(First, key);
            tenants.Add(await TenantAsync(First, client));
            await ActAsync(client, areaCode);
        }

        TenantStateTransfer.AssertImportingNothingEmptiesOnly(First.Simulation, "telnyx", tenants[0].Owner, tenants[1].Owner);
        using var first = Client(First, Keys[0]);
        foreach (var list in new[] { "v2/number_orders", "v2/phone_numbers", "v2/number_reservations" })
        {
            Assert.Equal(0, (await (await first.Get(list)).JsonAsync(200)).GetProperty("data").GetArrayLength());
        }
    }

    [Fact]
    public async Task ANumberOrderFollowsTheOrderBooksOrderWhenOnlyOrdersAreReloaded()
    {
        using var client = Client(First, Keys[0]);
        var tenant = await TenantAsync(First, client);
        var number = (await (await client.Get("v2/available_phone_numbers?filter[national_destination_code]=919&filter[limit]=1")).JsonAsync(200)).GetProperty("data")[0].GetProperty("phone_number").GetString()!;
        var id = (await (await client.PostJsonAsync("v2/number_orders", Order([number]))).JsonAsync(200)).GetProperty("data").GetProperty("id").GetString();

        // A shared store reloads the tenant's orders (changed elsewhere) while the Telnyx records are unchanged: the order book builds new orders.
        var orders = TenantStateTransfer.Component(First.Simulation, "orders");
        orders.Import(tenant.Owner, orders.Export(tenant.Owner));
        First.Time.Advance(TimeSpan.FromSeconds(5));

        var order = (await (await client.Get($"v2/number_orders/{id}")).JsonAsync(200)).GetProperty("data");
        Assert.Equal("success", order.GetProperty("status").GetString());
        var listed = (await (await client.Get("v2/number_orders")).JsonAsync(200)).GetProperty("data")[0];
        Assert.Equal(order.GetRawText(), listed.GetRawText());
    }
}
