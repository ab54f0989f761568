using System.Text.Json;
using CarrierSim.Core.Accounts;
using CarrierSim.Server.Admin;

namespace CarrierSim.Server.Http;

/// <summary>
/// One vendor's API emulated over the shared simulation: a self-describing module. It declares
/// everything the host needs (id, credentials, error envelope, provider states, endpoints with
/// their operation metadata), so nothing outside the dialect's folder names it; the host mounts
/// it under <c>/{Name}</c> and, optionally, at the root of a port of its own.
/// </summary>
internal interface IDialect
{
    /// <summary>The dialect id, e.g. <c>dialstack</c>: the mount point and the prefix of its operation ids.</summary>
    string Name { get; }

    /// <summary>The vendor's name for people, e.g. <c>DialStack</c>.</summary>
    string Title { get; }

    /// <summary>How the vendor writes JSON: request bodies are read and answers written with these options.</summary>
    JsonSerializerOptions Json { get; }

    /// <summary>
    /// Reads the request's credentials: the typed caller, or the vendor's 401 (or 403) to answer.
    /// A declared key is looked up in <paramref name="accounts"/>; any other well-formed key gets a tenant of its own.
    /// </summary>
    CallerResult Authenticate(HttpContext context, AccountDirectory accounts);

    /// <summary>
    /// Renders an error in the vendor's own envelope: for every status the host itself produces
    /// (400, 401, 403, 404, 405, 408, 413, 415, 429, 500, 503) and for chaos outcomes.
    /// </summary>
    IResult Error(HttpContext context, int statusCode, string message);

    /// <summary>The vendor's answer when the key lacks a scope or permission an endpoint requires (<see cref="RequiredScope"/>).</summary>
    IResult MissingScope(HttpContext context, string scope) => Error(context, 403, $"The API key lacks the '{scope}' permission this endpoint requires.");

    /// <summary>The type of the vendor's error body, for the API document (every error response uses it).</summary>
    Type ErrorEnvelope => typeof(object);

    /// <summary>The media type of the vendor's error bodies, for the API document (e.g. <c>application/xml</c> for an XML vendor).</summary>
    string ErrorContentType => "application/json";

    /// <summary>A request the platform could not read (malformed body, wrong media type), in the vendor's validation envelope.</summary>
    IResult Invalid(HttpContext context, RequestProblem problem) => Error(context, problem.StatusCode, problem.Message);

    /// <summary>The Pact provider states the dialect's contract uses, by state name.</summary>
    IReadOnlyDictionary<string, ProviderStateSetUp> ProviderStates { get; }

    /// <summary>Maps the emulated endpoints on a group whose prefix is the dialect's base URL; each declares its operation.</summary>
    void MapEndpoints(RouteGroupBuilder group);

    /// <summary>
    /// The request header that carries an idempotency key, when the vendor documents one or its SDK
    /// sends one (e.g. <c>Idempotency-Key</c>); null when the vendor has none. Changes repeated with the
    /// same key get the first answer again (<see cref="IdempotencyMiddleware"/>).
    /// </summary>
    string? IdempotencyHeader => null;

    /// <summary>
    /// Runs first for every request under the dialect, before routing and authentication, e.g. to
    /// stamp the vendor's request-id header on every answer, errors included. Nothing by default.
    /// </summary>
    void Begin(HttpContext context)
    {
    }
}

/// <summary>
/// What a dialect declares statically, before any service exists: its id and its credentials.
/// The registry reads these, so every dialect list (options, CLI, testing hosts, docs) derives from it.
/// </summary>
internal interface IDialectModule
{
    /// <summary>The dialect id, e.g. <c>dialstack</c>.</summary>
    static abstract string Id { get; }

    /// <summary>
    /// Well-formed credentials as request headers: the default example (banner, docs) when both
    /// arguments are null; a tenant derived from <paramref name="tenant"/> (any name); or the
    /// given <paramref name="apiKey"/>.
    /// </summary>
    static abstract IReadOnlyDictionary<string, string> ExampleCredentials(string? tenant, string? apiKey);

    /// <summary>What the vendor's API can do, so chaos can refuse rules that cannot apply.</summary>
    static abstract DialectCapabilities Capabilities { get; }

    /// <summary>
    /// What a chaos kind does to this vendor's requests, in one short Markdown phrase for the README's
    /// chaos matrix (e.g. "409 `INSUFFICIENT_INVENTORY`"). For a kind the registry refuses here (see
    /// <see cref="Dialects.ChaosMatrix"/>), null, or what happens instead (e.g. to the magic numbers).
    /// </summary>
    static abstract string? DescribeChaos(CarrierSim.Core.Chaos.ChaosKind kind);
}

/// <summary>What a vendor's API can do, as far as chaos is concerned.</summary>
/// <param name="AsyncOrders">Orders can stay pending (stuck-pending chaos applies).</param>
/// <param name="PartialOrders">An order can fill partly (partial-fill chaos applies).</param>
/// <param name="Callbacks">The vendor sends callbacks (callback chaos applies).</param>
internal sealed record DialectCapabilities(bool AsyncOrders, bool PartialOrders, bool Callbacks = false);

/// <summary>The typed caller of a dialect request, or the answer when there is none.</summary>
internal readonly record struct CallerResult(DialectCaller? Caller, IResult? Failure)
{
    public static CallerResult Of(DialectCaller caller) => new(caller, null);

    public static CallerResult Fail(IResult failure) => new(null, failure);

    /// <summary>No credentials needed (e.g. the vendor answers unknown paths before checking keys).</summary>
    public static CallerResult Anonymous { get; } = new(null, null);
}

/// <summary>
/// Who is calling: the tenant and the key's grants. Stored as a request feature by the platform;
/// endpoints read it with <see cref="DialectHttpContextExtensions.Caller"/>.
/// </summary>
/// <param name="Account">The tenant.</param>
/// <param name="Key">The declared key, when the key was declared; null for zero-config keys (every scope).</param>
internal sealed record DialectCaller(Account Account, ApiKey? Key)
{
    /// <summary>The project a project-scoped key is confined to; null for an account-wide key.</summary>
    public string? Project => string.IsNullOrWhiteSpace(Key?.Project) ? null : Key.Project;

    /// <summary>Whether the key grants a scope or permission (zero-config keys grant every one).</summary>
    public bool Has(string scope) => Key?.HasScope(scope) ?? true;
}

/// <summary>Something wrong with a request that the platform detected while reading it.</summary>
/// <param name="StatusCode">400 (malformed), 413 (too large) or 415 (unsupported media type).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="Field">The field at fault, when one is.</param>
internal sealed record RequestProblem(int StatusCode, string Message, string? Field = null);

/// <summary>Sets up one Pact provider state.</summary>
internal delegate void ProviderStateSetUp(ProviderStateRequest request, CarrierSim.Core.Simulation simulation);
