using BenchmarkDotNet.Attributes;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Benchmarks;

/// <summary>Acquire then release (without quarantine) of one and of ten numbers.</summary>
[MemoryDiagnoser]
public class AcquireBenchmarks
{
    private static readonly OwnerId Owner = new(1);
    private NumberInventory _inventory = null!;
    private PhoneNumber[] _one = [];
    private PhoneNumber[] _ten = [];

    [GlobalSetup]
    public void Setup()
    {
        _inventory = new NumberInventory(NumberingCatalog.Embedded, new InventoryOptions { Seed = 42 }, TimeProvider.System);
        var found = _inventory.Search(new SearchCriteria { AreaCode = Npa.FromInt32(919), Quantity = 11 }).Select(n => n.Number).ToArray();
        _one = found[..1];
        _ten = found[1..];
    }

    [Benchmark]
    public bool AcquireReleaseOne()
    {
        _inventory.Acquire(_one, Owner, AcquireMode.All);
        return _inventory.Release(_one[0], Owner, quarantine: false);
    }

    [Benchmark]
    public int AcquireReleaseTen()
    {
        var result = _inventory.Acquire(_ten, Owner, AcquireMode.All);
        foreach (var number in result.Acquired)
        {
            _inventory.Release(number, Owner, quarantine: false);
        }

        return result.Acquired.Count;
    }
}
