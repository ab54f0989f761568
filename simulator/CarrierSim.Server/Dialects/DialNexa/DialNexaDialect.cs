using CarrierSim.Core;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.DialNexa;

// Placeholder until the dialect is written: every path answers 404.
internal sealed class DialNexaDialect(Simulation simulation) : IDialect
{
    public const string Id = "dialnexa";

    public string Name => Id;

    public string CredentialsHint => "";

    public Simulation Simulation { get; } = simulation;

    public void MapEndpoints(RouteGroupBuilder group)
    {
    }

    public IResult Error(HttpContext context, int statusCode, string message) => Results.Json(new { error = message }, statusCode: statusCode);
}
