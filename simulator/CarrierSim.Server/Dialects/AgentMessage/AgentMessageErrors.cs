using System.Globalization;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.AgentMessage;

/// <summary>
/// AgentMessage's error envelope <c>{"success":false,"error":{code, message, request_id, details?}}</c>
/// (seed 001; agentmessage.io/docs/errors via vendor-apis.md §2.4). Messages are the documented
/// texts; where those cannot say how to fix the request, <c>details</c> (per field) or the
/// CarrierSim <c>hint</c> does.
/// </summary>
internal static class AgentMessageErrors
{
    public static IResult Error(
        HttpContext context,
        int status,
        string code,
        string message,
        IReadOnlyDictionary<string, string>? details = null,
        string? hint = null,
        object? data = null) =>
        WireJson.Result(
            new ErrorEnvelope(false, new ErrorWire(code, message, AgentMessageDialect.RequestId(context), details, hint), data),
            AgentMessageDialect.JsonOptions,
            statusCode: status);

    /// <summary>The status of each code (vendor-apis.md §2.4; 402, 413 and the 5xx codes are inferred).</summary>
    public static string CodeFor(int status) => status switch
    {
        400 => "INVALID_INPUT",
        401 => "UNAUTHORIZED",
        402 => "INSUFFICIENT_CREDIT",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        409 => "CONFLICT",
        413 => "PAYLOAD_TOO_LARGE",
        422 => "VALIDATION_FAILED",
        429 => "RATE_LIMITED",
        503 => "SERVICE_UNAVAILABLE",
        >= 500 => "INTERNAL_ERROR",
        _ => "INVALID_INPUT",
    };

    public static IResult Unauthorized(HttpContext context) =>
        Error(context, 401, "UNAUTHORIZED", "authentication failed",
            hint: "send your API key as a bearer token: Authorization: Bearer am_live_… (or am_test_…)");

    public static IResult Forbidden(HttpContext context, string scope) =>
        Error(context, 403, "FORBIDDEN", "missing required scope",
            hint: $"this endpoint requires the {scope} scope; use an API key that was granted {scope}");

    public static IResult Forbidden(HttpContext context, string message, string hint) =>
        Error(context, 403, "FORBIDDEN", message, hint: hint);

    public static IResult NotFound(HttpContext context, string hint) =>
        Error(context, 404, "NOT_FOUND", "not found", hint: hint);

    public static IResult Validation(HttpContext context, IReadOnlyDictionary<string, string> details) =>
        Error(context, 422, "VALIDATION_FAILED", "validation failed", details);

    public static IResult Validation(HttpContext context, string field, string reason) =>
        Validation(context, new Dictionary<string, string> { [field] = reason });

    // The vendor answers fields a route does not accept with 400 INVALID_INPUT (updatePhoneNumber), and
    // phrases such errors as "<what>: <why>: invalid input" (createAPIKey's example).
    public static IResult InvalidInput(HttpContext context, string problem, string? field = null) =>
        Error(context, 400, "INVALID_INPUT", $"{problem}: invalid input",
            field is null ? null : new Dictionary<string, string> { [field] = problem });

    public static IResult UnknownField(HttpContext context, string field, IEnumerable<string> accepted) =>
        InvalidInput(context, $"unknown field \"{field}\"; remove it (accepted fields: {string.Join(", ", accepted)})", field);

    /// <summary>
    /// Renders a body the platform could not read: 413 PAYLOAD_TOO_LARGE when too large; else INVALID_INPUT in the
    /// vendor's "&lt;what&gt;: invalid input" phrasing, with the platform's status (400 malformed, 415 not JSON).
    /// </summary>
    public static IResult Unreadable(HttpContext context, RequestProblem problem) => problem.StatusCode switch
    {
        413 => Error(context, 413, "PAYLOAD_TOO_LARGE", problem.Message),
        400 => InvalidInput(context, problem.Message.TrimEnd('.'), problem.Field),
        _ => Error(context, problem.StatusCode, "INVALID_INPUT", $"{problem.Message.TrimEnd('.')}: invalid input"),
    };

    public static IResult InsufficientCredit(HttpContext context, decimal cost, int count, decimal credit) =>
        Error(context, 402, "INSUFFICIENT_CREDIT", "insufficient credit",
            hint: string.Create(CultureInfo.InvariantCulture,
                $"assigning {count} number(s) costs {cost:0.00} ({AgentMessageDialect.PricePerNumber:0.00} each); the organization's credit is {credit:0.00}. Order fewer numbers or add credit."));

    public static IResult InsufficientInventory(HttpContext context, int requested, int available, IReadOnlyList<string> unavailable) =>
        Error(context, 409, "INSUFFICIENT_INVENTORY", $"insufficient inventory: requested {requested}, available {available}",
            data: new InventoryShortfallWire(available, unavailable));
}
