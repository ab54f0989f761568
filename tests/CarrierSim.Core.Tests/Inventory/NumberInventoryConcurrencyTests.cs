using System.Collections.Concurrent;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Tests.Inventory;

public class NumberInventoryConcurrencyTests
{
    [Fact]
    public async Task Acquire_RacingTasksOnOverlappingSets_NeverDoubleSell()
    {
        var inventory = TestCatalog.Inventory();
        var pool = inventory.Search(new SearchCriteria { State = "NC", Quantity = 60 }).Select(n => n.Number).ToArray();
        var outcomes = new ConcurrentBag<(OwnerId Owner, AcquireMode Mode, PhoneNumber[] Asked, AcquireResult Result)>();
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, 16).Select(t => Task.Run(() =>
        {
            var random = new Random(t);
            var owner = new OwnerId(t);
            start.Wait();
            for (var i = 0; i < 300; i++)
            {
                var asked = Enumerable.Range(0, random.Next(1, 6)).Select(_ => pool[random.Next(pool.Length)]).Distinct().ToArray();
                var mode = random.Next(2) == 0 ? AcquireMode.All : AcquireMode.Available;
                outcomes.Add((owner, mode, asked, inventory.Acquire(asked, owner, mode)));
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(tasks);

        var winners = outcomes.SelectMany(o => o.Result.Acquired.Select(n => (n, o.Owner))).ToList();
        Assert.Equal(winners.Count, winners.Select(w => w.n).Distinct().Count());
        foreach (var (number, owner) in winners)
        {
            Assert.Equal(NumberStatus.OwnedBy(owner), inventory.GetStatus(number));
        }

        foreach (var number in pool.Except(winners.Select(w => w.n)))
        {
            Assert.Equal(NumberState.Available, inventory.GetStatus(number).State);
        }

        foreach (var outcome in outcomes.Where(o => o.Mode == AcquireMode.All))
        {
            Assert.True(outcome.Result.Acquired.Count == 0 || outcome.Result.Acquired.Count == outcome.Asked.Length);
            Assert.True(outcome.Result.Acquired.Count == outcome.Asked.Length || outcome.Result.Rejected.Count > 0);
        }

        Assert.Equal(pool.Length, winners.Count);
        var owners = Enumerable.Range(0, 16).SelectMany(t => inventory.OwnedBy(new OwnerId(t))).ToList();
        Assert.Equal(owners.Count, owners.Distinct().Count());
    }
}
