using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CarrierSim.Testing;

namespace CarrierSim.Benchmarks;

/// <summary>
/// Start to first successful response of the in-process hosts (CarrierSim.Testing), target
/// ≤ 300 ms: start a simulator, answer one DialStack search, stop it. The "first-in-process"
/// job runs it once per fresh process (JIT and catalog load included: what the first test of
/// a suite pays); the "warm" job repeats it in one process (every later test).
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 10, warmupCount: 0, iterationCount: 1, id: "first-in-process")]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 20, id: "warm")]
[MedianColumn]
public class TestingStartupBenchmarks
{
    [Benchmark(Baseline = true)]
    public Task<int> InMemoryStartToFirstResponse() => StartToFirstResponseAsync(inMemory: true);

    [Benchmark]
    public Task<int> LoopbackStartToFirstResponse() => StartToFirstResponseAsync(inMemory: false);

    private static async Task<int> StartToFirstResponseAsync(bool inMemory)
    {
        await using var sim = inMemory ? await CarrierSimulator.StartInMemoryAsync() : await CarrierSimulator.StartAsync();
        using var response = await sim.CreateClient("dialstack").GetAsync("v1/available-phone-numbers?area_code=919&quantity=1");
        return response.IsSuccessStatusCode ? 1 : throw new InvalidOperationException($"first response was {(int)response.StatusCode}");
    }
}
