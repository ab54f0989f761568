using System.Net;
using System.Text;
using System.Xml.Linq;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Dialects.Bandwidth;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>
/// Bandwidth's orders, disconnects, in-service numbers and reservations as tenant state: imported
/// into another simulation they answer the same; reservations hold their numbers in the inventory.
/// </summary>
public sealed class BandwidthStateTests : TwoSimulatorTests
{
    private const string Root = "api/accounts/9900000";
    private static readonly string[] Users = ["alpha", "beta"];

    /// <summary>What one account did: the ids to read back and the numbers it touched.</summary>
    private sealed record Activity(List<string> Orders, List<string> Disconnects, List<string> Reservations, List<string> Numbers);

    private static Task<HttpResponseMessage> PostXml(HttpClient client, string path, string body) =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/xml"), TestContext.Current.CancellationToken);

    private static async Task<XElement> XmlAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        return XDocument.Parse(text).Root!;
    }

    private static string Existing(IEnumerable<string> numbers, string? reservation = null) =>
        $"<Order><CustomerOrderId>cust-1</CustomerOrderId><Name>State</Name><ExistingTelephoneNumberOrderType><TelephoneNumberList>{string.Concat(numbers.Select(n => $"<TelephoneNumber>{n}</TelephoneNumber>"))}</TelephoneNumberList>"
        + (reservation is null ? "" : $"<ReservationIdList><ReservationId>{reservation}</ReservationId></ReservationIdList>")
        + "</ExistingTelephoneNumberOrderType><PartialAllowed>true</PartialAllowed><SiteId>743</SiteId></Order>";

    private static async Task<string> PlaceAsync(HttpClient client, string body) =>
        (await XmlAsync(await PostXml(client, $"{Root}/orders", body), 201)).Element("Order")!.Element("id")!.Value;

    private static async Task<string> ReserveAsync(HttpClient client, string number)
    {
        var response = await PostXml(client, $"{Root}/tnreservation", $"<Reservation><ReservedTn>{number}</ReservedTn></Reservation>");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.Segments[^1];
    }

    private static Task<Account> TenantAsync(TestSimulator sim, HttpClient client) =>
        TenantStateTransfer.TenantOfAsync(sim, "bandwidth", () => client.Get($"{Root}/inserviceNumbers"));

    /// <summary>
    /// Settled orders (one with its reservation, one refused for lack of it, a search-and-order), a
    /// settled disconnect, a live reservation, and an order and a disconnect still pending.
    /// </summary>
    private async Task<Activity> ActAsync(HttpClient client, string areaCode)
    {
        var found = await XmlAsync(await client.Get($"{Root}/availableNumbers?areaCode={areaCode}&quantity=6"), 200);
        var numbers = found.Descendants("TelephoneNumber").Select(e => e.Value).ToList();
        Assert.Equal(6, numbers.Count);
        var activity = new Activity([], [], [], numbers);

        activity.Orders.Add(await PlaceAsync(client, Existing(numbers[..2])));
        var used = await ReserveAsync(client, numbers[2]);
        activity.Orders.Add(await PlaceAsync(client, Existing([numbers[2]], used)));
        var kept = await ReserveAsync(client, numbers[3]);
        activity.Reservations.Add(kept);
        activity.Orders.Add(await PlaceAsync(client, Existing([numbers[3]])));
        // In another area code, so that the search cannot pick this account's reserved numbers.
        var elsewhere = areaCode == "919" ? "212" : "646";
        activity.Orders.Add(await PlaceAsync(client, $"<Order><AreaCodeSearchAndOrderType><AreaCode>{elsewhere}</AreaCode><Quantity>1</Quantity></AreaCodeSearchAndOrderType><PartialAllowed>false</PartialAllowed><SiteId>743</SiteId></Order>"));
        First.Time.Advance(TimeSpan.FromSeconds(5));

        activity.Disconnects.Add(await DisconnectAsync(client, numbers[1]));
        First.Time.Advance(TimeSpan.FromSeconds(5));
        activity.Disconnects.Add(await DisconnectAsync(client, numbers[0]));
        activity.Orders.Add(await PlaceAsync(client, Existing([numbers[4]])));
        activity.Reservations.Add(await ReserveAsync(client, numbers[5]));
        return activity;
    }

    private static async Task<string> DisconnectAsync(HttpClient client, string number) =>
        (await XmlAsync(await PostXml(client, $"{Root}/disconnects",
            $"<DisconnectTelephoneNumberOrder><CustomerOrderId>disc</CustomerOrderId><DisconnectTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>{number}</TelephoneNumber></TelephoneNumberList></DisconnectTelephoneNumberOrderType></DisconnectTelephoneNumberOrder>"), 201))
            .Element("orderRequest")!.Element("id")!.Value;

    private static async Task<string> BodyAsync(HttpClient client, string path)
    {
        var response = await client.Get(path);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}";
    }

    /// <summary>Every list and get answer of the account, and its search (which shows its own reserved numbers).</summary>
    private static async Task<List<string>> AnswersAsync(HttpClient client, Activity activity, string areaCode)
    {
        List<string> answers =
        [
            await BodyAsync(client, $"{Root}/orders"),
            await BodyAsync(client, $"{Root}/inserviceNumbers"),
            await BodyAsync(client, $"{Root}/availableNumbers?areaCode={areaCode}&quantity=20"),
        ];
        foreach (var id in activity.Orders)
        {
            answers.Add(await BodyAsync(client, $"{Root}/orders/{id}"));
        }

        foreach (var id in activity.Disconnects)
        {
            answers.Add(await BodyAsync(client, $"{Root}/disconnects/{id}"));
        }

        foreach (var id in activity.Reservations)
        {
            answers.Add(await BodyAsync(client, $"{Root}/tnreservation/{id}"));
        }

        foreach (var number in activity.Numbers)
        {
            answers.Add(await BodyAsync(client, $"{Root}/inserviceNumbers/{number}"));
        }

        return answers;
    }

    [Fact]
    public async Task ImportedAccountsAnswerEveryReadByteForByte()
    {
        using (var stranger = Second.Bandwidth("stranger", "pw"))
        {
            await TenantAsync(Second, stranger);
        }

        var owners = new Dictionary<OwnerId, OwnerId>();
        var activities = new Dictionary<string, Activity>();
        var numbers = new List<PhoneNumber>();
        foreach (var (user, areaCode) in Users.Zip(["919", "415"]))
        {
            using var client = First.Bandwidth(user, "pw");
            using var copied = Second.Bandwidth(user, "pw");
            var tenant = await TenantAsync(First, client);
            var theirs = await TenantAsync(Second, copied);
            Assert.NotEqual(tenant.Owner, theirs.Owner);
            owners[tenant.Owner] = theirs.Owner;
            activities[user] = await ActAsync(client, areaCode);
            numbers.AddRange(activities[user].Numbers.Select(n => PhoneNumber.Parse("+1" + n).Value));
        }

        TenantStateTransfer.Copy(First, Second, "bandwidth", owners, numbers);
        AssertSameExports("bandwidth", owners);

        // Answered while an order and a disconnect are pending, then once they settled in each simulation.
        foreach (var advance in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(5) })
        {
            First.Time.Advance(advance);
            Second.Time.Advance(advance);
            var all = "";
            foreach (var (user, areaCode) in Users.Zip(["919", "415"]))
            {
                using var client = First.Bandwidth(user, "pw");
                using var copied = Second.Bandwidth(user, "pw");
                var expected = await AnswersAsync(client, activities[user], areaCode);
                Assert.Equal(expected, await AnswersAsync(copied, activities[user], areaCode));
                Assert.Contains("this account reserved it", string.Concat(expected), StringComparison.Ordinal);
                Assert.Contains(activities[user].Numbers[5], expected[2], StringComparison.Ordinal);
                all += string.Concat(expected);
            }

            // The second account's last order and disconnect were still pending when copied (the first's fell due while the second acted).
            Assert.Equal(advance == TimeSpan.Zero, all.Contains("<OrderStatus>RECEIVED</OrderStatus>", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ImportingNothingRemovesTheOwnersRecordsOnly()
    {
        var tenants = new List<Account>();
        foreach (var (user, areaCode) in Users.Zip(["919", "415"]))
        {
            using var client = First.Bandwidth(user, "pw");
            tenants.Add(await TenantAsync(First, client));
            await ActAsync(client, areaCode);
        }

        // Settles the first account's due orders now: their settlement would put numbers in service again.
        using (var reader = First.Bandwidth(Users[0], "pw"))
        {
            await reader.Get($"{Root}/inserviceNumbers");
        }

        TenantStateTransfer.AssertImportingNothingEmptiesOnly(First.Simulation, "bandwidth", tenants[0].Owner, tenants[1].Owner);
        using var first = First.Bandwidth(Users[0], "pw");
        Assert.Equal(HttpStatusCode.NoContent, (await first.Get($"{Root}/inserviceNumbers")).StatusCode);
        Assert.Empty((await XmlAsync(await first.Get($"{Root}/orders"), 200)).Descendants("orderId"));
    }

    [Fact]
    public async Task AReservationHoldsItsNumberInTheInventoryForEveryDialect()
    {
        using var client = First.Bandwidth(Users[0], "pw");
        var tenant = await TenantAsync(First, client);
        var number = (await XmlAsync(await client.Get($"{Root}/availableNumbers?areaCode=919&quantity=1"), 200)).Descendants("TelephoneNumber").Single().Value;
        var phone = PhoneNumber.Parse("+1" + number).Value;

        var id = await ReserveAsync(client, number);

        Assert.Equal(NumberStatus.HeldFor(tenant.Owner, First.Time.GetUtcNow() + TimeSpan.FromHours(4)), First.Simulation.Inventory.GetStatus(phone));
        var other = First.Simulation.Inventory.Acquire([phone], new OwnerId(tenant.Owner.Value + 1000), AcquireMode.All);
        Assert.Equal(RejectionReason.HeldForAnother, Assert.Single(other.Rejected).Reason);

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"{Root}/tnreservation/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(NumberState.Available, First.Simulation.Inventory.GetStatus(phone).State);
    }

    [Fact]
    public async Task AReservationUsedByAFailedOrderStillHoldsItsNumber()
    {
        using var client = First.Bandwidth(Users[0], "pw");
        var tenant = await TenantAsync(First, client);
        var numbers = (await XmlAsync(await client.Get($"{Root}/availableNumbers?areaCode=919&quantity=2"), 200)).Descendants("TelephoneNumber").Select(e => e.Value).ToList();
        var reserved = PhoneNumber.Parse("+1" + numbers[0]).Value;
        var id = await ReserveAsync(client, numbers[0]);
        First.Simulation.Inventory.TakeByCompetitor([PhoneNumber.Parse("+1" + numbers[1]).Value]);

        // All or nothing with a number gone: the order fails when due, and the reservation (and its hold) outlive it.
        var order = await PlaceAsync(client, Existing(numbers, id).Replace("<PartialAllowed>true</PartialAllowed>", "<PartialAllowed>false</PartialAllowed>", StringComparison.Ordinal));
        Assert.Equal(NumberState.Held, First.Simulation.Inventory.GetStatus(reserved).State);
        First.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("FAILED", (await XmlAsync(await client.Get($"{Root}/orders/{order}"), 200)).Element("OrderStatus")!.Value);
        Assert.Equal(NumberStatus.HeldFor(tenant.Owner, First.Time.GetUtcNow() - TimeSpan.FromSeconds(5) + TimeSpan.FromHours(4)), First.Simulation.Inventory.GetStatus(reserved));
        await XmlAsync(await client.Get($"{Root}/tnreservation/{id}"), 200);
        using var rival = First.Bandwidth("rival", "pw");
        var refused = await XmlAsync(await PostXml(rival, $"{Root}/tnreservation", $"<Reservation><ReservedTn>{numbers[0]}</ReservedTn></Reservation>"), 400);
        Assert.Equal("5041", refused.Descendants("ErrorCode").Single().Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WithASharedStoreTheInventorysHoldDecidesWhatIsReserved(bool shared)
    {
        var simulation = TenantStateTransfer.NewSimulation(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)), new SharedMemoryStore(shared: shared));
        var store = new BandwidthStore(simulation);
        var (mine, theirs) = (new OwnerId(1), new OwnerId(2));
        var numbers = simulation.Inventory.Search(new SearchCriteria { NpaNxx = NpaNxx.Parse("919733").Value, Quantity = 2 }).Select(n => n.Number).ToList();
        var now = simulation.Clock.GetUtcNow();

        // Another process's reservation: here it is only the inventory's hold.
        simulation.Inventory.Hold([numbers[0]], theirs, now + TimeSpan.FromHours(1), AcquireMode.All);
        // This process's reservation, ended by another process (deleted there): the hold is gone, the record here is stale.
        var stale = store.Reserve(mine, "9900000", numbers[1])!;
        simulation.Inventory.ReleaseHold(numbers[1], mine);

        Assert.Null(store.Reserve(mine, "9900000", numbers[0]));
        if (shared)
        {
            Assert.Equal(new Reservation("", theirs, "", numbers[0], now + TimeSpan.FromHours(1)), store.ReservationOf(numbers[0]));
            Assert.True(store.ReservedAgainst(numbers[0], mine));
            Assert.Null(store.ReservationOf(numbers[1]));
            Assert.Null(store.FindReservation(mine, stale.Id));
            Assert.Equal(theirs, store.Reserve(theirs, "9900001", numbers[1])?.Owner);
        }
        else
        {
            // In one process the store's own reservations are the whole truth, as they always were.
            Assert.Null(store.ReservationOf(numbers[0]));
            Assert.Equal(stale, store.ReservationOf(numbers[1]));
            Assert.Null(store.Reserve(theirs, "9900001", numbers[1]));
        }
    }
}
