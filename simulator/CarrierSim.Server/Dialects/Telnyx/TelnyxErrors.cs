using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Telnyx;

/// <summary>
/// Telnyx's error envelope <c>{errors:[{code, title, detail, source, meta:{url}}]}</c> with the codes and
/// titles of developers.telnyx.com's API error list; the detail says how to fix the request.
/// </summary>
internal static class TelnyxErrors
{
    public const string BadRequest = "10015";
    public const string MissingParameter = "10004";
    public const string NotFound = "10005";
    public const string InvalidId = "10006";
    public const string Unexpected = "10007";
    public const string Timeout = "10008";
    public const string AuthenticationFailed = "10009";
    public const string AuthorizationFailed = "10010";
    public const string TooManyRequests = "10011";
    public const string UnsupportedMediaType = "10014";
    public const string NotE164 = "10016";

    public static string Title(string code) => code switch
    {
        "10002" => "Invalid phone number",
        MissingParameter => "Missing required parameter",
        NotFound => "Resource not found",
        InvalidId => "Invalid ID",
        Unexpected => "Unexpected error",
        Timeout => "Request timeout",
        AuthenticationFailed => "Authentication failed",
        AuthorizationFailed => "Authorization failed",
        TooManyRequests => "Too many requests",
        UnsupportedMediaType => "Unsupported Media Type",
        NotE164 => "Phone number must be in +E.164 format",
        _ => "Bad Request",
    };

    public static IResult Error(int status, string code, string detail, ErrorSourceWire? source = null) =>
        WireJson.Result(
            new ErrorsWire([new ErrorWire(code, Title(code), detail, source, new ErrorMetaWire($"https://developers.telnyx.com/docs/overview/errors/{code}"))]),
            TelnyxDialect.JsonOptions,
            statusCode: status);

    /// <summary>A query parameter that cannot be used: 400 with <c>source.parameter</c>.</summary>
    public static IResult Parameter(string parameter, string detail) =>
        Error(400, BadRequest, detail, new ErrorSourceWire(null, parameter));

    /// <summary>A body field that cannot be used: 422 with <c>source.pointer</c> (JSON pointer, e.g. <c>/phone_numbers/0/phone_number</c>).</summary>
    public static IResult Field(string pointer, string detail, string code = BadRequest) =>
        Error(422, code, detail, new ErrorSourceWire(pointer, null));

    public static IResult Unauthorized() =>
        Error(401, AuthenticationFailed, "The required authentication headers were either invalid or not included in the request: send Authorization: Bearer KEY… (an API key from Mission Control → Auth).");

    public static IResult NotFoundId(string what, string id) =>
        Error(404, NotFound, $"No {what} with id '{id}' exists on this account: use an id returned by the API.");

    public static IResult BadId(string what, string id, string shape) =>
        Error(400, InvalidId, $"'{id}' is not a valid {what} id: ids look like {shape}.", new ErrorSourceWire(null, "id"));
}
