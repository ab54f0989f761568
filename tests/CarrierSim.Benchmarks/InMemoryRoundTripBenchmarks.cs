using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CarrierSim.Testing;

namespace CarrierSim.Benchmarks;

/// <summary>
/// The in-process round trip search → order → get through DialStack on the in-memory host
/// (three HTTP requests through TestServer, JSON both ways, journal on), target ≤ 50 µs median.
/// Every order takes a number, so each iteration starts from a reset simulator (not timed).
/// </summary>
[SimpleJob(invocationCount: 2000, iterationCount: 20, warmupCount: 3)]
[MedianColumn]
[MemoryDiagnoser]
public class InMemoryRoundTripBenchmarks
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private CarrierSimulator _sim = null!;
    private HttpClient _dialstack = null!;
    private HttpClient _admin = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sim = CarrierSimulator.StartInMemoryAsync(o => o.OrderPendingFor = TimeSpan.FromMinutes(5)).GetAwaiter().GetResult();
        _dialstack = _sim.CreateClient("dialstack");
        _admin = new HttpClient(_sim.CreateHandler()) { BaseAddress = _sim.RootAddress };
        if (SearchOrderGet().GetAwaiter().GetResult() != "pending")
        {
            throw new InvalidOperationException("The round trip did not return a pending order.");
        }
    }

    [IterationSetup]
    public void Reset() => _sim.Admin.ResetAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _admin.Dispose();
        _sim.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The transport floor: three GETs of the admin health endpoint over the same TestServer.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> ThreeHealthGets()
    {
        var length = 0;
        for (var i = 0; i < 3; i++)
        {
            length += (await _admin.GetStringAsync("__admin/health")).Length;
        }

        return length;
    }

    [Benchmark]
    public async Task<string> SearchOrderGet()
    {
        var found = await _dialstack.GetFromJsonAsync<Page>("v1/available-phone-numbers?area_code=919&quantity=1", Json);
        using var placed = await _dialstack.PostAsJsonAsync("v1/phone-number-orders", new CreateOrder([found!.Data[0].PhoneNumber]), Json);
        var order = await placed.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Order>(Json);
        var read = await _dialstack.GetFromJsonAsync<Order>($"v1/phone-number-orders/{order!.Id}", Json);
        return read!.Status;
    }

    private sealed record Page(List<Available> Data);

    private sealed record Available(string PhoneNumber);

    private sealed record CreateOrder(List<string> PhoneNumbers);

    private sealed record Order(string Id, string Status);
}
