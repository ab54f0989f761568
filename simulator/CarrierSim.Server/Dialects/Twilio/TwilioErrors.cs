using System.Globalization;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Twilio;

/// <summary>
/// Twilio's legacy error envelope <c>{code, message, more_info, status}</c>, the one the 2010-04-01 API answers
/// (twilio-csharp RestException; twilio-node RestException). <c>more_info</c> links the code's page.
/// </summary>
internal static class TwilioErrors
{
    public const int InvalidParameter = 20001;
    public const int Authenticate = 20003;
    public const int MethodNotAllowed = 20004;
    public const int TestCredentials = 20008;
    public const int NotFound = 20404;
    public const int InvalidNumber = 21421;
    public const int NotAvailable = 21422;
    public const int InvalidAreaCode = 21451;
    public const int NoNumbersInAreaCode = 21452;
    public const int AreaCodeNotSupported = 21457;

    public static IResult Error(int status, int code, string message) =>
        WireJson.Result(new ErrorWire(code, message, MoreInfo(code), status), TwilioDialect.JsonOptions, statusCode: status);

    public static string MoreInfo(int code) => "https://www.twilio.com/docs/errors/" + code.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The code for a status the platform produces. Documented: 20003 (401), 20404 (404), 20429, 20500, 20503;
    /// inferred: 20001 for a request Twilio cannot read, 20004 for a wrong method, 20000 + status otherwise.
    /// </summary>
    public static int CodeFor(int status) => status switch
    {
        400 => InvalidParameter,
        401 => Authenticate,
        404 => NotFound,
        405 => MethodNotAllowed,
        _ => 20000 + status,
    };

    public static IResult Invalid(string message) => Error(400, InvalidParameter, message);

    public static IResult Unauthenticated(string message) => Error(401, Authenticate, message);

    public static IResult NotFoundAt(string path) =>
        Error(404, NotFound, $"The requested resource {path} was not found");

    public static IResult TestCredentialsRefused(string path) =>
        Error(403, TestCredentials, $"Resource not accessible with Test Account Credentials: {path}. Test credentials can only buy numbers (POST …/IncomingPhoneNumbers.json); use your live Account SID and Auth Token for everything else.");

    public static IResult InvalidPhoneNumber(string text, string why) =>
        Error(400, InvalidNumber, $"The phone number you are attempting to purchase, {text}, is invalid: {why}");

    public static IResult Unavailable(string number, string why) =>
        Error(400, NotAvailable, $"The phone number {number} is not available: {why}");
}
