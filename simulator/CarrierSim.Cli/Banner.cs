using CarrierSim.Server.Hosting;

namespace CarrierSim.Cli;

internal static class Banner
{
    public static void Print(WebApplication app, CarrierSimOptions options, TextWriter output)
    {
        var host = options.BindAddress is "0.0.0.0" or "*" or "+" ? "localhost" : options.BindAddress;
        var baseUrl = $"http://{host}:{options.Port}";
        var scenario = string.IsNullOrEmpty(options.Scenario) ? "" : $", scenario {options.Scenario}";
        output.WriteLine($"CarrierSim is running (seed {options.Seed}{scenario}). Ctrl+C stops it.");
        output.WriteLine();
        foreach (var dialect in app.Services.GetServices<Server.Http.IDialect>().Where(d => options.EnabledDialects.Contains(d.Name)))
        {
            output.WriteLine($"  {dialect.Name,-13} {baseUrl}/{dialect.Name}");
            if (options.DialectPorts.TryGetValue(dialect.Name, out var own))
            {
                output.WriteLine($"  {"",-13} http://{host}:{own}  (own port)");
            }

            output.WriteLine($"  {"",-13} {CarrierSimDialects.Hint(dialect.Name)}");
        }

        output.WriteLine();
        output.WriteLine($"  admin         {baseUrl}/__admin/info{(string.IsNullOrEmpty(options.AdminToken) ? "" : "  (Authorization: Bearer <admin token>)")}");
        output.WriteLine($"  dashboard     {baseUrl}/__admin/ui{(string.IsNullOrEmpty(options.AdminToken) ? "" : "  (asks for the admin token)")}");
    }
}
