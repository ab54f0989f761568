using CarrierSim.Core.Chaos;

namespace CarrierSim.Server.Http;

/// <summary>
/// Endpoint metadata every dialect endpoint declares: its operation id (<c>dialstack.createOrder</c>)
/// and kind. Chaos, the journal and the API documents read it; nothing matches operation names.
/// </summary>
/// <param name="Id">The operation id, <c>{dialect}.{operation}</c>.</param>
/// <param name="Kind">What the operation does.</param>
/// <param name="RouteNumbers">Route values that name phone numbers (e.g. <c>number</c> in <c>/numbers/{number}</c>).</param>
internal sealed record DialectOperation(string Id, OperationKind Kind, IReadOnlyList<string> RouteNumbers);

/// <summary>A query parameter an endpoint reads, by the vendor's name, for the API document.</summary>
/// <param name="Name">The vendor's parameter name, e.g. <c>area_code</c>.</param>
/// <param name="Description">What it does and its format, e.g. "3-digit area code, e.g. 919".</param>
/// <param name="Type">The JSON schema type: string, integer or boolean.</param>
internal sealed record QueryParameter(string Name, string Description, string Type = "string", bool Required = false);

/// <summary>
/// The body an endpoint reads through <see cref="Body{T}"/>: its documented type and the media types
/// accepted. Not routing metadata on purpose: a request with another Content-Type still reaches the
/// endpoint, and the platform answers the vendor's 415 (routing would fall through to the dialect's 404).
/// </summary>
internal sealed record DialectBody(Type Type, IReadOnlyList<string> ContentTypes);

/// <summary>A scope or permission the caller's key must grant; checked right after authentication, before the body or chaos.</summary>
internal sealed record RequiredScope(string Scope);

/// <summary>Marks an endpoint under a dialect that needs no credentials (its API document).</summary>
internal sealed record AnonymousDialectEndpoint;

/// <summary>A typed request that names phone numbers: chaos targets and magic numbers read them from here.</summary>
internal interface INamesNumbers
{
    /// <summary>The numbers as sent (E.164 text); null and malformed entries are ignored.</summary>
    IEnumerable<string?> Numbers { get; }
}

internal static class DialectOperationExtensions
{
    /// <summary>
    /// Declares an endpoint's operation: id (also the endpoint name the journal shows), kind, and
    /// the route values that name numbers.
    /// </summary>
    public static RouteHandlerBuilder Operation(this RouteHandlerBuilder builder, string id, OperationKind kind, params string[] routeNumbers) =>
        builder.WithName(id).WithMetadata(new DialectOperation(id, kind, routeNumbers));

    /// <summary>Declares the body the endpoint reads (documented as <typeparamref name="T"/>) and its media types; JSON when none are given.</summary>
    public static RouteHandlerBuilder Reads<T>(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.WithMetadata(new DialectBody(typeof(T), contentTypes.Length == 0 ? ["application/json"] : contentTypes));

    /// <summary>Requires the caller's key to grant <paramref name="scope"/>; otherwise the dialect's <see cref="IDialect.MissingScope"/> answer.</summary>
    public static RouteHandlerBuilder RequiresScope(this RouteHandlerBuilder builder, string scope) =>
        builder.WithMetadata(new RequiredScope(scope));

    /// <summary>Documents a query parameter the endpoint reads (the handler validates it).</summary>
    public static RouteHandlerBuilder Query(this RouteHandlerBuilder builder, string name, string description, string type = "string", bool required = false) =>
        builder.WithMetadata(new QueryParameter(name, description, type, required));

    public static DialectOperation? DialectOperation(this HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<DialectOperation>();
}
