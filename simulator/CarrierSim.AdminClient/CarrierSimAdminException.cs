using System.Net;

namespace CarrierSim.AdminClient;

/// <summary>
/// The admin API refused a request. Carries the HTTP status and the server's message (the
/// <c>detail</c> of its RFC 9457 problem, or the <c>error</c> field of older answers), which says
/// how to fix the request.
/// </summary>
public sealed class CarrierSimAdminException : Exception
{
    /// <summary>Creates an exception with a generic message.</summary>
    public CarrierSimAdminException()
        : this("The CarrierSim admin API refused the request.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">What went wrong.</param>
    public CarrierSimAdminException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public CarrierSimAdminException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for an answer of the admin API with a non-success status.</summary>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="error">The problem's <c>detail</c> (or an <c>error</c> field) of the JSON body, when there is one.</param>
    /// <param name="method">The HTTP method of the request.</param>
    /// <param name="path">The path (and query) of the request.</param>
    /// <param name="responseBody">The raw response body, possibly empty.</param>
    public CarrierSimAdminException(HttpStatusCode statusCode, string? error, string method, string path, string? responseBody)
        : base(Describe(statusCode, error, method, path, responseBody))
    {
        StatusCode = statusCode;
        Error = error;
        RequestMethod = method;
        RequestPath = path;
        ResponseBody = responseBody;
    }

    /// <summary>The HTTP status the admin API answered with; 0 when no answer was involved.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's message (the problem's <c>detail</c>, or an <c>error</c> field), or null when the body had none.</summary>
    public string? Error { get; }

    /// <summary>The HTTP method of the failed request.</summary>
    public string? RequestMethod { get; }

    /// <summary>The path (and query) of the failed request, relative to the simulator root.</summary>
    public string? RequestPath { get; }

    /// <summary>The raw response body of the failed request.</summary>
    public string? ResponseBody { get; }

    private static string Describe(HttpStatusCode statusCode, string? error, string method, string path, string? body)
    {
        var detail = error
            ?? (string.IsNullOrWhiteSpace(body) ? "no error message in the response" : body.Length > 300 ? body[..300] + "…" : body);
        return $"CarrierSim admin API: {method} {path} answered {(int)statusCode} {statusCode}: {detail}";
    }
}
