using BenchmarkDotNet.Attributes;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Benchmarks;

/// <summary>A 10-result search by each filter kind over the real catalog.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private NumberInventory _inventory = null!;

    public static IEnumerable<string> Filters =>
    [
        "area_code", "npa_nxx", "npa_nxx_x", "zip", "rate_center", "lata", "state", "city",
        "country_type_gb_mobile", "us_toll_free", "starts_with", "contains", "ends_with",
    ];

    [ParamsSource(nameof(Filters))]
    public string Filter { get; set; } = "area_code";

    private SearchCriteria _criteria = new();

    [GlobalSetup]
    public void Setup()
    {
        _inventory = new NumberInventory(NumberingCatalog.Embedded, new InventoryOptions { Seed = 42 }, TimeProvider.System);
        _criteria = Filter switch
        {
            "area_code" => new SearchCriteria { AreaCode = Npa.FromInt32(919) },
            "npa_nxx" => new SearchCriteria { NpaNxx = NpaNxx.FromInt32(919460) },
            "npa_nxx_x" => new SearchCriteria { NpaNxxX = 9194603 },
            "zip" => new SearchCriteria { Zip = ZipCode.FromInt32(27601) },
            "rate_center" => new SearchCriteria { RateCenter = "RALEIGH", State = "NC" },
            "lata" => new SearchCriteria { Lata = Lata.FromInt32(426) },
            "state" => new SearchCriteria { State = "NC" },
            "city" => new SearchCriteria { City = "Raleigh", State = "NC" },
            "country_type_gb_mobile" => new SearchCriteria { Country = "GB", Type = NumberType.Mobile },
            "us_toll_free" => new SearchCriteria { Type = NumberType.TollFree },
            "starts_with" => new SearchCriteria { StartsWith = "919460" },
            "contains" => new SearchCriteria { AreaCode = Npa.FromInt32(919), Contains = "777" },
            "ends_with" => new SearchCriteria { State = "NC", EndsWith = "00" },
            _ => throw new InvalidOperationException(Filter),
        };
        if (_inventory.Search(_criteria).Count != 10)
        {
            throw new InvalidOperationException($"Search by {Filter} did not find 10 numbers.");
        }
    }

    [Benchmark]
    public int Search() => _inventory.Search(_criteria).Count;
}
