using System.Text.Json.Nodes;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.State;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>
/// Carries tenants from one simulation to another through the state components, as a shared store
/// does between processes: what the tests of each dialect's tenant state stand on.
/// </summary>
internal static class DialectStateCopy
{
    /// <summary>The tenant a request creates: the one account of <paramref name="dialect"/> that was not there before it.</summary>
    public static async Task<Account> TenantOfAsync(TestSimulator sim, string dialect, Func<Task> request)
    {
        var before = sim.Simulation.Accounts.All.Select(a => a.Owner).ToHashSet();
        await request();
        return Assert.Single(sim.Simulation.Accounts.All, a => a.Dialect == dialect && !before.Contains(a.Owner));
    }

    public static ITenantState Component(TestSimulator sim, string name) =>
        Assert.Single(sim.Simulation.State.Tenant, c => c.Name == name);

    /// <summary>
    /// Copies tenants from <paramref name="from"/> to <paramref name="to"/>, whose owner ids may differ
    /// (<paramref name="owners"/> maps them): the clock, the inventory's state of <paramref name="numbers"/>
    /// (the inventory is shared on its own in a shared store), then each tenant's credit, orders and the
    /// dialect's records, in that order (a dialect's records refer to orders).
    /// </summary>
    public static void Copy(TestSimulator from, TestSimulator to, string dialect, IReadOnlyDictionary<OwnerId, OwnerId> owners, IEnumerable<PhoneNumber> numbers)
    {
        var ahead = from.Time.GetUtcNow() - to.Time.GetUtcNow();
        if (ahead > TimeSpan.Zero)
        {
            to.Time.Advance(ahead);
        }

        var all = numbers.ToHashSet();
        foreach (var owner in owners.Keys)
        {
            all.UnionWith(from.Simulation.Inventory.OwnedBy(owner));
        }

        foreach (var number in all)
        {
            var status = from.Simulation.Inventory.GetStatus(number);
            if (status.State == NumberState.NotInInventory)
            {
                continue;
            }

            var mapped = status.Owner is { } owner ? status with { Owner = owners[owner] } : status;
            to.Simulation.Inventory.Force(number, mapped);
        }

        foreach (var (owner, theirs) in owners)
        {
            foreach (var name in new[] { "credit", "orders", dialect })
            {
                var state = Component(from, name).Export(owner);
                if (name == "orders" && state is not null)
                {
                    state = OrdersFor(state, owner, theirs);
                }

                Component(to, name).Import(theirs, state);
            }
        }
    }

    /// <summary>
    /// The order book's documents name their owner and payer by owner id: in two simulations that
    /// are not one shared store the ids differ, so they are rewritten (a shared store gives a tenant
    /// the same owner id everywhere).
    /// </summary>
    private static byte[] OrdersFor(byte[] state, OwnerId from, OwnerId to)
    {
        var orders = JsonNode.Parse(state)!.AsArray();
        foreach (var order in orders)
        {
            foreach (var field in new[] { "owner", "payer" })
            {
                if (order![field] is { } value && value.GetValue<int>() == from.Value)
                {
                    order[field] = to.Value;
                }
            }
        }

        return System.Text.Encoding.UTF8.GetBytes(orders.ToJsonString());
    }
}
