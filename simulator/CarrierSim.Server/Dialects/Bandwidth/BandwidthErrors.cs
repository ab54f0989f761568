using System.Globalization;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Bandwidth;

/// <summary>
/// Bandwidth's error bodies. Several shapes coexist (site/docs/numbers/errors.mdx, numbers.yml):
/// the search answers <c>&lt;SearchResult&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Description/&gt;</c>, orders and
/// disconnects <c>&lt;ErrorList&gt;&lt;Error&gt;…</c>, reservations and the rest
/// <c>&lt;ResponseStatus&gt;&lt;ErrorCode/&gt;&lt;Description/&gt;</c>. Each operation answers in its own
/// shape, also for the statuses the host produces (401, 404, 413, 415, 429, 503…).
/// </summary>
internal static class BandwidthErrors
{
    /// <summary>The body shape and root element an operation's errors take.</summary>
    private enum Shape
    {
        Search,
        ErrorList,
        ResponseStatus,
    }

    private static (Shape Shape, string Root) ShapeOf(HttpContext context) => context.DialectOperation()?.Id switch
    {
        "bandwidth.searchNumbers" => (Shape.Search, "SearchResult"),
        "bandwidth.createOrder" or "bandwidth.getOrder" => (Shape.ErrorList, "OrderResponse"),
        "bandwidth.createDisconnect" or "bandwidth.getDisconnect" => (Shape.ErrorList, "DisconnectTelephoneNumberOrderResponse"),
        "bandwidth.reserveNumber" or "bandwidth.getReservation" or "bandwidth.deleteReservation" => (Shape.ResponseStatus, "ReservationResponse"),
        "bandwidth.listOrders" => (Shape.ResponseStatus, "ResponseSelectWrapper"),
        "bandwidth.listInServiceNumbers" or "bandwidth.getInServiceNumber" => (Shape.ResponseStatus, "TNs"),
        // Inferred: paths Bandwidth does not document answer the ResponseStatus shape under a neutral root.
        _ => (Shape.ResponseStatus, "ErrorResponse"),
    };

    /// <summary>One error in the operation's shape: <paramref name="code"/> is Bandwidth's error code (or the HTTP status where Bandwidth documents none).</summary>
    public static IResult Error(HttpContext context, int status, string code, string description, string? telephoneNumber = null)
    {
        var (shape, root) = ShapeOf(context);
        description = BandwidthXml.Safe(description);
        telephoneNumber = telephoneNumber is null ? null : BandwidthXml.Safe(telephoneNumber);
        var body = shape switch
        {
            Shape.Search => new BandwidthErrorResponse { Error = new BandwidthError { Code = code, Description = description } },
            Shape.ErrorList => new BandwidthErrorResponse { ErrorList = [new BandwidthError { Code = code, Description = description, TelephoneNumber = telephoneNumber }] },
            _ => new BandwidthErrorResponse { ResponseStatus = new BandwidthResponseStatus { ErrorCode = code, Description = description } },
        };
        return BandwidthXml.Result(body, status, root);
    }

    /// <summary>A host status (401, 404, 415, 503…) in the operation's shape; its code is the status itself (inferred: Bandwidth documents no codes for these).</summary>
    public static IResult Status(HttpContext context, int status, string description) =>
        Error(context, status, status.ToString(CultureInfo.InvariantCulture), description);

    /// <summary>Search criteria Bandwidth cannot use (4000–4026), in <c>&lt;SearchResult&gt;&lt;Error&gt;</c>.</summary>
    public static IResult Search(HttpContext context, SearchProblem problem) =>
        Error(context, 400, problem.Code.ToString(CultureInfo.InvariantCulture), problem.Description);

    public static IResult Unauthorized(HttpContext context) =>
        Status(context, 401, "Authentication failed: send Authorization: Basic base64(username:password) with your Dashboard API user's credentials (any non-empty username and password work in CarrierSim).");

    public static IResult AccountDenied(HttpContext context, string accountId) =>
        Error(context, 403, "5051", $"Not authorized to perform operation on the account '{accountId}': account ids are digits, e.g. /accounts/9900000/…");

    public static IResult NotFound(HttpContext context, string description) => Status(context, 404, description);
}

/// <summary>A search criteria problem: Bandwidth's code and a description that says how to fix it.</summary>
internal sealed record SearchProblem(int Code, string Description);
