using System.CommandLine;

namespace CarrierSim.Cli;

/// <summary><c>carrier-sim health</c>: exits 0 when a simulator answers its health endpoint (used by the container HEALTHCHECK).</summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = $"Base URL of the simulator (default ${CliApp.UrlVariable}, else {CliApp.DefaultUrl}).", DefaultValueFactory = _ => CliApp.UrlDefault() };
        var command = new Command("health", "Check that a running simulator is healthy.") { url };
        command.SetAction(async (parse, cancellation) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            try
            {
                using var response = await http.GetAsync(new Uri(new Uri(parse.GetValue(url)!), "/__admin/health"), cancellation);
                Console.WriteLine($"{(int)response.StatusCode} {response.ReasonPhrase}");
                return response.IsSuccessStatusCode ? CliApp.Ok : CliApp.Failure;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
            {
                await Console.Error.WriteLineAsync($"unhealthy: {e.Message}");
                return CliApp.Failure;
            }
        });
        return command;
    }
}
