using BenchmarkDotNet.Attributes;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Dialects.DialNexa;
using CarrierSim.Server.Dialects.DialStack;
using CarrierSim.Server.Dialects.IdentityCall;
using CarrierSim.Server.Http;
using NexaDetails = CarrierSim.Server.Dialects.DialNexa.PurchaseDetails;
using IdentityDetails = CarrierSim.Server.Dialects.IdentityCall.PurchaseDetails;

namespace CarrierSim.Benchmarks;

/// <summary>
/// A tenant's list (and get) with 0 or 100,000 numbers owned by other tenants of the same dialect:
/// with per-tenant indexes the cost must not depend on the others (ratio ≤ 1.2). The measured
/// tenant holds 10 numbers in each dialect; the others hold theirs through settled orders of 100
/// other tenants, set up through the order book and the stores directly (no HTTP), so only the
/// store's own work is timed.
/// </summary>
[MemoryDiagnoser]
public class TenantListBenchmarks
{
    private const int TenantNumbers = 10;
    private const int OtherTenants = 100;

    private Simulation _simulation = null!;
    private DialStackStore _dialStack = null!;
    private DialNexaStore _dialNexa = null!;
    private IdentityCallStore _identityCall = null!;
    private OwnerId _dialStackOwner;
    private OwnerId _dialNexaOwner;
    private DialectCaller _identityCallCaller = null!;
    private string _didId = "";
    private string _dialNexaId = "";

    /// <summary>Numbers owned by other tenants, in each of the three dialects.</summary>
    [Params(0, 100_000)]
    public int Others { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _simulation = new Simulation(NumberingCatalog.Embedded, new SimulationOptions { Seed = 42, OrderPendingFor = TimeSpan.Zero }, TimeProvider.System);
        _dialStack = new DialStackDialect(_simulation).Store;
        _dialNexa = new DialNexaDialect(_simulation).Store;
        _identityCall = new IdentityCallDialect(_simulation).Store;

        using var numbers = AvailableNumbers().GetEnumerator();
        PhoneNumber[] Take(int count)
        {
            var taken = new PhoneNumber[count];
            for (var i = 0; i < count && numbers.MoveNext(); i++)
            {
                taken[i] = numbers.Current;
            }

            return taken;
        }

        // The others first, so the measured tenant's records are not simply the first ones found.
        for (var t = 0; t < OtherTenants && Others > 0; t++)
        {
            var perTenant = Others / OtherTenants;
            PlaceDialStack(_simulation.Accounts.Resolve("dialstack", $"other-{t}").Owner, Take(perTenant));
            var nexa = _simulation.Accounts.Resolve("dialnexa", $"other-{t}").Owner;
            foreach (var number in Take(perTenant))
            {
                PlaceDialNexa(nexa, number);
            }

            var identity = _simulation.Accounts.Resolve("identitycall", $"other-{t}").Owner;
            foreach (var number in Take(perTenant))
            {
                PlaceIdentityCall(identity, number);
            }
        }

        _dialStackOwner = _simulation.Accounts.Resolve("dialstack", "measured").Owner;
        PlaceDialStack(_dialStackOwner, Take(TenantNumbers));
        _dialNexaOwner = _simulation.Accounts.Resolve("dialnexa", "measured").Owner;
        foreach (var number in Take(TenantNumbers))
        {
            PlaceDialNexa(_dialNexaOwner, number);
        }

        var identityCall = _simulation.Accounts.Resolve("identitycall", "measured");
        _identityCallCaller = new DialectCaller(identityCall, null);
        foreach (var number in Take(TenantNumbers))
        {
            PlaceIdentityCall(identityCall.Owner, number);
        }

        _didId = _dialStack.List(_dialStackOwner)[^1].Id;
        _dialNexaId = _dialNexa.List(_dialNexaOwner)[^1].Id;
        if (DialStackList() != TenantNumbers || DialNexaList() != TenantNumbers || IdentityCallList() != TenantNumbers
            || _simulation.Inventory.GetStats().Owned != Others * 3 + TenantNumbers * 3)
        {
            throw new InvalidOperationException("The set-up did not give each tenant the numbers it should hold.");
        }
    }

    [Benchmark]
    public int DialStackList() => _dialStack.List(_dialStackOwner).Count(d => d.Status == "active");

    [Benchmark]
    public bool DialStackGet() => _dialStack.Find(_dialStackOwner, _didId) is not null;

    [Benchmark]
    public int DialStackOrderList() => _simulation.Orders.List(_dialStackOwner).Count;

    [Benchmark]
    public int DialNexaList() => _dialNexa.List(_dialNexaOwner).Count(n => n.Status == "active");

    [Benchmark]
    public bool DialNexaGet() => _dialNexa.Find(_dialNexaOwner, _dialNexaId) is not null;

    [Benchmark]
    public int IdentityCallList() => _identityCall.List(_identityCallCaller).Count;

    private void PlaceDialStack(OwnerId owner, PhoneNumber[] numbers) =>
        _simulation.Orders.Place(new OrderRequest { Owner = owner, Origin = DialStackDialect.Id, IdPrefix = "ord_", Numbers = numbers, Immediate = true });

    private void PlaceDialNexa(OwnerId owner, PhoneNumber number) =>
        _simulation.Orders.Place(new OrderRequest
        {
            Owner = owner, Origin = DialNexaDialect.Id, IdPrefix = "phn_", Numbers = [number], Immediate = true,
            Details = new NexaDetails("US", NumberType.Local, "plivo"),
        });

    private void PlaceIdentityCall(OwnerId owner, PhoneNumber number) =>
        _simulation.Orders.Place(new OrderRequest
        {
            Owner = owner, Origin = IdentityCallDialect.Id, IdPrefix = "vnp_", Numbers = [number], Immediate = true,
            Details = new IdentityDetails(null, number.ToString(), "US", NumberType.Local),
        });

    /// <summary>Available US numbers, a hundred per exchange.</summary>
    private IEnumerable<PhoneNumber> AvailableNumbers() =>
        _simulation.Inventory.Catalog.Exchanges
            .SelectMany(e => Enumerable.Range(0, 100).Select(line => PhoneNumber.FromNanp(e.NpaNxx, line * 100)))
            .Where(n => _simulation.Inventory.GetStatus(n).State == NumberState.Available);
}
