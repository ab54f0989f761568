using System.Diagnostics;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Benchmarks;

/// <summary>Absolute figures: load time, managed heap and RSS with the catalog loaded, bytes per overlay entry.</summary>
internal static class MemoryReport
{
    public static void Run()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var catalog = NumberingCatalog.Embedded;
        var loaded = watch.Elapsed;
        var inventory = new NumberInventory(catalog, new InventoryOptions { Seed = 42 }, TimeProvider.System);
        var indexed = watch.Elapsed;
        var first = inventory.Search(new SearchCriteria { AreaCode = Npa.FromInt32(919) });
        var firstSearch = watch.Elapsed;
        var heap = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine($"catalog load (first use, cold):      {loaded.TotalMilliseconds,8:F1} ms");
        Console.WriteLine($"catalog + inventory indexes:         {indexed.TotalMilliseconds,8:F1} ms");
        Console.WriteLine($"first search (10 results by area):   {(firstSearch - indexed).TotalMilliseconds,8:F1} ms ({first.Count} results)");
        Console.WriteLine($"managed heap, catalog + indexes:     {heap / 1048576.0,8:F1} MiB");
        Console.WriteLine($"process VmRSS, catalog + indexes:    {Rss() / 1024.0,8:F1} MiB");

        const int entries = 1_000_000;
        var numbers = new List<PhoneNumber>(entries);
        foreach (var exchange in catalog.Exchanges)
        {
            for (var line = 0; line < 100 && numbers.Count < entries; line++)
            {
                numbers.Add(PhoneNumber.FromNanp(exchange.NpaNxx, line * 100));
            }

            if (numbers.Count == entries)
            {
                break;
            }
        }

        var beforeOverlay = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var number in numbers)
        {
            inventory.Force(number, NumberStatus.OwnedBy(new OwnerId(1)));
        }

        var perEntry = (GC.GetTotalMemory(forceFullCollection: true) - beforeOverlay) / (double)numbers.Count;
        Console.WriteLine($"overlay entry ({numbers.Count:N0} entries):     {perEntry,8:F1} bytes each");
        GC.KeepAlive(inventory);
        GC.KeepAlive(numbers);
    }

    private static long Rss()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
