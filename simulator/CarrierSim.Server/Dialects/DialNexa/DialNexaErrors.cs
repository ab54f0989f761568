using CarrierSim.Server.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CarrierSim.Server.Dialects.DialNexa;

/// <summary>
/// DialNexa's NestJS error body <c>{statusCode, message, error}</c> (vendor-apis.md §3.3). The canonical
/// messages of the vendor's OpenAPI examples lead each message; what follows says how to fix the request.
/// </summary>
internal static class DialNexaErrors
{
    public const string SearchPath = "GET /v1/organization-phone-numbers/plivo-numbers";

    public static IResult Error(int status, object message) =>
        WireJson.Result(new ErrorWire(status, message, ErrorName(status)), DialNexaDialect.JsonOptions, statusCode: status);

    /// <summary>
    /// A class-validator failure. NestJS sends the messages as an array; the vendor's docs show a
    /// single failure as a plain string and use the array "for multi-field validation", so one
    /// message is a string here and several are an array.
    /// </summary>
    public static IResult Validation(IReadOnlyList<string> messages) =>
        Error(400, messages.Count == 1 ? messages[0] : messages.ToArray());

    public static IResult Unauthorized() =>
        Error(401, "API key is missing or invalid: send Authorization: Bearer <key_id>:<secret>, the full key from Workspace settings → Developer.");

    public static IResult Forbidden(string permission) =>
        Error(403, $"You do not have permission to access this resource: this API key lacks the {permission} permission.");

    public static IResult NotFound(string id) =>
        Error(404, $"Phone number not found: {id} is not a phone number of this workspace; list yours with GET /v1/organization-phone-numbers.");

    public static IResult InvalidId(string id) =>
        Error(400, $"Invalid phone number ID format: '{id}' is not a phone number id; ids look like phn_f7w2kx5mb9qz.");

    public static IResult NoLongerAvailable(string number) =>
        Error(400, $"Phone number {number} is no longer available: search again with {SearchPath} and purchase a number from the fresh results.");

    public static IResult CountryNotEnabled(string country) =>
        Error(400, $"Country {country} is not enabled on this workspace: enable it in Workspace Settings → Telephony Config, then retry.");

    public static IResult KycRequired(string country) =>
        Error(403, $"KYC verification is required for {country}: complete it in Settings → Account → KYC Verification, then retry the purchase.");

    public static IResult Claimed(string number) =>
        Error(409, $"Phone number {number} was claimed by another buyer between the search and the purchase: search again and pick another number.");

    public static IResult AlreadyRegistered(string number) =>
        Error(409, $"Phone number {number} is already registered to this workspace: find it with GET /v1/organization-phone-numbers.");

    /// <summary>NestJS names the error after the status's reason phrase.</summary>
    public static string ErrorName(int status) => status switch
    {
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error",
    };
}
