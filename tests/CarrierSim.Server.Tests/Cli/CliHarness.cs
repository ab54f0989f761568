using CarrierSim.Cli;
using CarrierSim.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CarrierSim.Server.Tests.Cli;

/// <summary>
/// A simulator on a real loopback socket, and <c>carrier-sim</c> run in-process against it with its console captured
/// (tests using it share the "console" collection, since the console is process-wide).
/// </summary>
internal sealed class CliHarness : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CliHarness(WebApplication app, string root)
    {
        _app = app;
        Root = root;
    }

    /// <summary>The simulator's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Root { get; }

    public static async Task<CliHarness> StartAsync()
    {
        var app = CarrierSimApp.CreateBuilder([], new Dictionary<string, string?> { ["CarrierSim:Port"] = "0" }).Build().UseCarrierSim();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new CliHarness(app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>Runs the CLI as <c>carrier-sim</c> would (exit codes included), returning its exit code and everything it printed.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var buffer = new StringWriter();
        var output = TextWriter.Synchronized(buffer);
        var previousOut = Console.Out;
        var previousError = Console.Error;
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            var exit = await CliApp.RunAsync(args, TestContext.Current.CancellationToken);
            return (exit, buffer.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
