using BenchmarkDotNet.Attributes;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Benchmarks;

/// <summary>Loading the embedded catalog from its compressed resource.</summary>
[MemoryDiagnoser]
public class CatalogBenchmarks
{
    private byte[] _compressed = [];

    [GlobalSetup]
    public void Setup()
    {
        using var stream = typeof(NumberingCatalog).Assembly.GetManifestResourceStream("CarrierSim.Core.Numbering.catalog.bin.gz")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        _compressed = copy.ToArray();
    }

    [Benchmark]
    public NumberingCatalog LoadCatalog() => NumberingCatalog.Read(new MemoryStream(_compressed));

    [Benchmark]
    public object LoadCatalogAndIndex() => new CarrierSim.Core.Inventory.NumberInventory(
        NumberingCatalog.Read(new MemoryStream(_compressed)), new CarrierSim.Core.Inventory.InventoryOptions(), TimeProvider.System);
}
