using CarrierSim.Core.Inventory;

namespace CarrierSim.Core.Tests.Inventory;

/// <summary>The owner index's open-addressed set behaves as a set, whatever the order of adds and removes.</summary>
public class NumberSetTests
{
    [Fact]
    public void RandomAddsAndRemoves_AgreeWithAHashSet()
    {
        var random = new Random(12345);
        var set = new NumberSet();
        var reference = new HashSet<ulong>();

        for (var step = 0; step < 200_000; step++)
        {
            // A small key space so that removes hit and slots are reused after removal.
            var number = 19_194_600_000UL + (ulong)random.Next(5_000);
            if (random.Next(3) == 0)
            {
                Assert.Equal(reference.Remove(number), set.Remove(number));
            }
            else
            {
                Assert.Equal(reference.Add(number), set.Add(number));
            }

            Assert.Equal(reference.Count, set.Count);
        }

        Assert.Equal(reference.Order(), set.ToList().Order());
        Assert.All(reference, n => Assert.True(set.Contains(n)));
        Assert.False(set.Contains(19_194_599_999UL));
    }

    [Fact]
    public void GrowingThenEmptying_LeavesAnEmptySetThatStillWorks()
    {
        var set = new NumberSet();
        var numbers = Enumerable.Range(0, 10_000).Select(i => 14_155_550_000UL + (ulong)i).ToList();

        numbers.ForEach(n => Assert.True(set.Add(n)));
        Assert.Equal(10_000, set.Count);
        numbers.ForEach(n => Assert.True(set.Remove(n)));

        Assert.Equal(0, set.Count);
        Assert.Empty(set.ToList());
        Assert.True(set.Add(numbers[5]));
        Assert.False(set.Add(numbers[5]));
        Assert.Equal([numbers[5]], set.ToList());
    }
}
