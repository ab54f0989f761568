using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.IdentityCall;

/// <summary>
/// IdentityCall's error envelope <c>{"error": "…"}</c> (docs.identitycall.ai/api-reference/errors).
/// The documented texts ("Invalid or expired API key", "Read permission required",
/// "Resource not found", "phone_number is required") lead each message; what follows says how
/// to fix the request. The alternative <c>{"errors": [...]}</c> form is never used: one
/// message per answer keeps every error the same shape.
/// </summary>
internal static class IdentityCallErrors
{
    public static IResult Error(int status, string message) =>
        WireJson.Result(new ErrorWire(message), IdentityCallDialect.JsonOptions, statusCode: status);

    public static IResult Unauthorized() => Error(401,
        "Invalid or expired API key: send Authorization: Bearer idc_ followed by 32 letters or digits, e.g. Bearer idc_0123456789abcdefghijklmnopqrstuv.");

    public static IResult PermissionRequired(string permission) => Error(403,
        $"{char.ToUpperInvariant(permission[0])}{permission[1..]} permission required: this API key lacks the {permission} permission; use a key that has it.");

    // The same answer whether the number does not exist, belongs to another account or lies
    // outside the key's project: the docs give 404, not 403, outside the project.
    public static IResult NumberNotFound(string id) => Error(404,
        $"Resource not found: no virtual number with id {id} is visible to this API key; list them with GET /api/v1/public/virtual_numbers.");

    /// <summary>A request whose values are wrong (Rails' 422 Unprocessable Entity).</summary>
    public static IResult Unprocessable(string message) => Error(422, message);

    /// <summary>A body that cannot be read as JSON at all (Rails answers a parse error with 400).</summary>
    public static IResult BadRequest(string message) => Error(400, message);
}
