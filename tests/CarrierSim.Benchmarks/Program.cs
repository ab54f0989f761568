using BenchmarkDotNet.Running;
using CarrierSim.Benchmarks;

// `memory` prints the absolute memory figures; anything else goes to BenchmarkDotNet
// (e.g. `--filter *Search*`).
if (args is ["memory", ..])
{
    MemoryReport.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CatalogBenchmarks).Assembly).Run(args);
