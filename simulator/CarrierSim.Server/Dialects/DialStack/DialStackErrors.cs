using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.DialStack;

/// <summary>
/// DialStack's error envelope <c>{error, code, details}</c> (docs.dialstack.ai/guides/error-codes):
/// <c>error</c> always, <c>code</c> for stable codes, <c>details</c> per field.
/// </summary>
internal static class DialStackErrors
{
    public static IResult Error(int status, string message, string? code = null, object? details = null) =>
        WireJson.Result(new ErrorWire(message, code, details), DialStackDialect.JsonOptions, statusCode: status);

    public static IResult Validation(string field, string reason) =>
        Error(400, $"Invalid request: {field} {reason}", "validation_error", new Dictionary<string, string> { [field] = reason });

    public static IResult Validation(string message, IReadOnlyDictionary<string, string> details) =>
        Error(400, message, "validation_error", details);

    public static IResult Unauthorized(string? authorization = null) =>
        Error(401, "Invalid API key: " + Why(authorization) + "send Authorization: Bearer sk_test_… (or sk_live_…).", "invalid_api_key");

    private static string Why(string? authorization) => authorization switch
    {
        null or "" => "no Authorization header; ",
        _ when !authorization.StartsWith("Bearer ", StringComparison.Ordinal) => "the Authorization header is not a Bearer token; ",
        _ when authorization[7..] is var key && (key.StartsWith("sk_test_", StringComparison.Ordinal) || key.StartsWith("sk_live_", StringComparison.Ordinal)) =>
            key.Length - 8 is < 4 or > 128 ? $"the key after {key[..8]} has {key.Length - 8} characters, and must have 4 to 128; " : $"the key after {key[..8]} may hold only letters, digits and underscores; ",
        _ => "keys start with sk_test_ or sk_live_ (a browser sends a client secret from POST /v1/account_sessions instead); ",
    };

    // Inferred: the docs give 403 "no access to this account" and tell callers to check DialStack-Account.
    public static IResult NoAccount(string? value) => value is null
        ? Error(403, "No account selected: send the DialStack-Account header with the account id (acct_…).", "account_required")
        : Error(403, $"No access to account '{value}': the DialStack-Account header must be an account id such as acct_01h2xcejqtf2nbrexx3vqjhp41.", "account_access_denied");

    public static IResult NotFound(string what, string id) => Error(404, $"No such {what}: '{id}'.", "resource_not_found");

    public static IResult InvalidPagination() =>
        Error(400, "Invalid pagination cursor: follow next_page_url or previous_page_url exactly as returned; do not build page values yourself.", "invalid_pagination");
}
