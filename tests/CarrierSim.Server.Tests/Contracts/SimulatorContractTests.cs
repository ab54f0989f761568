using System.Text.Json;
using CarrierSim.Contracts;
using CarrierSim.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CarrierSim.Server.Tests.Contracts;

/// <summary>The simulator, on a real loopback socket, honours every contract written from the vendor documents.</summary>
public sealed class SimulatorContractTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private Uri _root = null!;

    public async ValueTask InitializeAsync()
    {
        _app = CarrierSimApp.CreateBuilder([], new Dictionary<string, string?> { ["CarrierSim:Port"] = "0", ["CarrierSim:BindAddress"] = "127.0.0.1" })
            .Build().UseCarrierSim();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _root = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Every registered dialect: a dialect without committed pacts fails here rather than going unverified.</summary>
    public static TheoryData<string> Dialects() => [.. CarrierSim.Server.Dialects.DialectRegistry.Ids];

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task SimulatorVerifiesCleanAgainstTheDialectsPacts(string dialect)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "pacts", dialect);
        var expected = Directory.GetFiles(folder, "*.json")
            .Sum(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("interactions").GetArrayLength());

        var result = await new PactVerifier(new VerificationOptions
        {
            // Generous: the test runs beside other test assemblies on a small machine; a state change must not time out.
            RequestTimeout = TimeSpan.FromSeconds(30),
            ProviderName = dialect,
            ProviderBaseUrl = new Uri(_root, dialect),
            PactDirectories = [folder],
            StateChangeUrl = new Uri(_root, "__admin/provider-states"),
        }).VerifyAsync();

        Assert.True(result.Succeeded, result.FormatReport());
        Assert.Equal(expected, result.VerifiedCount);
        Assert.True(expected > 5);
    }
}
