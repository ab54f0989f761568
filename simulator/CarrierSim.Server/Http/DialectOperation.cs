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

    public static DialectOperation? DialectOperation(this HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<DialectOperation>();
}
