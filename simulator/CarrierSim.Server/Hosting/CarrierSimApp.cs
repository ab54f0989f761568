using System.Net;
using CarrierSim.Core;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Http;
using Microsoft.Extensions.Options;

namespace CarrierSim.Server.Hosting;

/// <summary>Builds the simulator's web application: Kestrel, services, middleware and endpoints.</summary>
public static class CarrierSimApp
{
    /// <summary>
    /// Creates a builder with the simulator's services. <paramref name="settings"/> are
    /// configuration keys (e.g. <c>CarrierSim:Port</c>) that override files and environment.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, IReadOnlyDictionary<string, string?>? settings = null, string? configFile = null)
    {
        // Reading the catalog and indexing it takes ~100 ms: do it on another core while the host is built.
        _ = Task.Run(() => NumberInventory.WarmUp(NumberingCatalog.Embedded));
        // The simulator reads its options once (IOptions, never a monitor), so watching the content root
        // for appsettings changes buys nothing and costs a watcher thread and start-up time.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"], ContentRootPath = AppContext.BaseDirectory });
        if (configFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The host logs nothing above Debug per request, but while its category is enabled at all it starts an
        // Activity and a log scope for every request (~2 % of a search's CPU). The request log is the simulator's own.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Services.AddCarrierSim();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var options = context.Configuration.GetSection(CarrierSimOptions.Section).Get<CarrierSimOptions>() ?? new CarrierSimOptions();
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            var address = ParseAddress(options.BindAddress);
            kestrel.Listen(address, options.Port);
            foreach (var port in options.DialectPorts.Values.Distinct().Where(p => p != options.Port))
            {
                kestrel.Listen(address, port);
            }
        });
        return builder;
    }

    /// <summary>Wires middleware and endpoints onto a built application.</summary>
    public static WebApplication UseCarrierSim(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Build the simulation now: a bad scenario or config fails at start, and the catalog and
        // its indexes are loaded before the first request rather than during it.
        _ = app.Services.GetRequiredService<Simulation>();

        // Loading the catalog churns through tens of megabytes that are garbage once the indexes
        // exist; give them back to the OS so an idle simulator stays small. A second after start
        // rather than during it: the collection stops every thread for ~30 ms, and the first
        // request should not wait for it.
        app.Lifetime.ApplicationStarted.Register(() => Task.Delay(TimeSpan.FromSeconds(1), app.Lifetime.ApplicationStopping)
            .ContinueWith(
                delay =>
                {
                    if (!delay.IsCanceled)
                    {
                        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default));
        // Routing after the gate's dialect-port rewrite, so a dialect's own port reaches its endpoints; the
        // idempotency keys after routing, so a replayed answer is journalled under its endpoint's operation.
        app.UseMiddleware<DialectGateMiddleware>();
        app.UseRouting();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.MapCarrierSim();
        return app;
    }

    public static bool IsLoopback(string bindAddress) =>
        bindAddress is "localhost" || (IPAddress.TryParse(bindAddress, out var ip) && IPAddress.IsLoopback(ip));

    internal static CarrierSimOptions Options(this WebApplication app) => app.Services.GetRequiredService<IOptions<CarrierSimOptions>>().Value;

    private static IPAddress ParseAddress(string bindAddress) => bindAddress switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "+" => IPAddress.Any,
        _ => IPAddress.TryParse(bindAddress, out var ip)
            ? ip
            : throw new OptionsValidationException(CarrierSimOptions.Section, typeof(CarrierSimOptions),
                [$"BindAddress '{bindAddress}' is not an IP address: use 127.0.0.1, 0.0.0.0 or localhost."]),
    };
}
