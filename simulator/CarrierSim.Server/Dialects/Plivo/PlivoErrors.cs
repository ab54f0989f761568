using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Plivo;

/// <summary>Plivo's error body <c>{api_id, error}</c>; the message says how to fix the request.</summary>
internal static class PlivoErrors
{
    public static IResult Error(string apiId, int status, string message) =>
        WireJson.Result(new ErrorWire(apiId, message), PlivoDialect.JsonOptions, statusCode: status);

    public static IResult Unauthorized(string apiId, string why) =>
        Error(apiId, 401, $"Authentication failed: {why} Send HTTP Basic auth with your Auth ID (MA… or SA…, 20 characters) and Auth Token, and the same Auth ID in the URL (/v1/Account/{{auth_id}}/…).");

    public static IResult NotFound(string apiId, string what) => Error(apiId, 404, $"{what} not found: check the number (E.164 digits without '+', e.g. 14155559186) and the account.");
}
