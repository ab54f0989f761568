using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Admin;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Twilio;

/// <summary>
/// Twilio's API 2010-04-01 (api.twilio.com): HTTP Basic with an Account SID and auth token, or an API key
/// (SK…) and secret with the account named in the path. Each Account SID is its own tenant. Purchases are
/// synchronous (201 with the IncomingPhoneNumber); errors are <c>{code, message, more_info, status}</c>.
/// </summary>
internal sealed partial class TwilioDialect : IDialect, IDialectModule
{
    public const string DefaultAccountSid = "AC00000000000000000000000000c0ffee";
    public const string DefaultAuthToken = "carriersim0000000000000000000000";

    /// <summary>
    /// Twilio's test credentials are a separate Account SID and token pair; the simulator cannot tell them
    /// apart by shape, so an auth token that starts with "test" marks them (a CarrierSim convention).
    /// </summary>
    public const string TestTokenPrefix = "test";

    public const string CreateOperation = "twilio.createIncomingPhoneNumber";

    private readonly Simulation _simulation;

    public TwilioDialect(Simulation simulation)
    {
        _simulation = simulation;
        Store = new TwilioStore(simulation);
        Places = new TwilioPlaces(simulation.Inventory.Catalog);
        simulation.Orders.Project(Id, Store);
    }

    public static string Id => "twilio";

    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    public string Name => Id;

    public string Title => "Twilio";

    public static DialectCapabilities Capabilities { get; } = new(AsyncOrders: false, PartialOrders: false);

    public static string? DescribeChaos(ChaosKind kind) => kind switch
    {
        ChaosKind.Outcome => "the status in `{code, message, more_info, status}`, e.g. 503 `20503`",
        ChaosKind.Race => "400 `21422` (not available)",
        ChaosKind.PartialFill => "400 `21422` (one number per purchase, bought at once)",
        ChaosKind.FulfilmentFailure => "400 `21422`: rejected at fulfilment, nothing owned",
        ChaosKind.StuckPending => "magic 555-0160…0169 numbers are bought at once",
        ChaosKind.Drought => "search answers an empty `available_phone_numbers`",
        _ => null,
    };

    public JsonSerializerOptions Json => JsonOptions;

    public Type ErrorEnvelope => typeof(ErrorWire);

    public TwilioStore Store { get; }

    public TwilioPlaces Places { get; }

    public static IReadOnlyDictionary<string, string> ExampleCredentials(string? tenant, string? apiKey)
    {
        var sid = tenant is null ? DefaultAccountSid : AccountSidFor(tenant);
        var pair = apiKey switch
        {
            null => $"{sid}:{DefaultAuthToken}",
            _ when apiKey.Contains(':', StringComparison.Ordinal) => apiKey,
            _ => $"{sid}:{apiKey}",
        };
        return new Dictionary<string, string> { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)) };
    }

    /// <summary>An Account SID derived from any name (AC + 32 hex digits); an Account SID stays as it is.</summary>
    internal static string AccountSidFor(string tenant) => AccountSid().IsMatch(tenant) ? tenant : "AC" + DialectNames.Hash(tenant, 32);

    public CallerResult Authenticate(HttpContext context, AccountDirectory accounts)
    {
        // Unknown paths and representations are answered before credentials are looked at.
        if (context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is { } name
            && (name == Id + ".notEmulated" || name == RepresentationOperation))
        {
            return CallerResult.Anonymous;
        }

        if (!TryReadBasic(context.Request.Headers.Authorization.ToString(), out var user, out var password))
        {
            return Fail(context, "Authenticate: send HTTP Basic credentials, your Account SID (AC…) and Auth Token, or an API key SID (SK…) and its secret.");
        }

        var pathSid = context.Request.RouteValues.TryGetValue("AccountSid", out var value) ? value as string : null;
        if (pathSid is not null && !AccountSid().IsMatch(pathSid))
        {
            return CallerResult.Fail(TwilioErrors.NotFoundAt(TwilioPath(context)));
        }

        var declared = accounts.FindKey(Id, $"{user}:{password}") ?? accounts.FindKey(Id, user);
        if (declared is null && accounts.Keys(Id).Any(k => k.Key.StartsWith(user + ":", StringComparison.Ordinal)))
        {
            return Fail(context, $"Authenticate: the secret sent for {user} is not the one declared for it; send the declared Auth Token or key secret.");
        }

        if (AccountSid().IsMatch(user))
        {
            if (pathSid is not null && !string.Equals(pathSid, user, StringComparison.OrdinalIgnoreCase))
            {
                return Fail(context, $"Authenticate: these credentials are for account {user}, but the URL names {pathSid}; use the Account SID you authenticate with in the path.");
            }

            if (password.StartsWith(TestTokenPrefix, StringComparison.OrdinalIgnoreCase))
            {
                if (context.DialectOperation()?.Id != CreateOperation)
                {
                    return CallerResult.Fail(TwilioErrors.TestCredentialsRefused(TwilioPath(context)));
                }

                context.Features.Set(new TestCredentials(user));
            }

            return CallerResult.Of(new DialectCaller(declared is null ? accounts.ResolveUndeclared(Id, user) : accounts.ResolveDeclared(Id, declared.TenantId), declared));
        }

        if (ApiKeySid().IsMatch(user))
        {
            if (pathSid is null && declared is null)
            {
                return Fail(context, $"Authenticate: an API key ({user}) needs the account in the URL: …/2010-04-01/Accounts/AC…/….json.");
            }

            return CallerResult.Of(new DialectCaller(declared is null ? accounts.ResolveUndeclared(Id, pathSid!) : accounts.ResolveDeclared(Id, declared.TenantId), declared));
        }

        return Fail(context, $"Authenticate: the username '{Clip(user)}' is neither an Account SID (AC + 32 hex digits) nor an API key SID (SK + 32 hex digits).");
    }

    public void MapEndpoints(RouteGroupBuilder group) => TwilioEndpoints.Map(group, this, _simulation);

    public IResult Error(HttpContext context, int statusCode, string message) =>
        TwilioErrors.Error(statusCode, TwilioErrors.CodeFor(statusCode), message);

    public IResult Invalid(HttpContext context, RequestProblem problem) => problem.StatusCode == 415
        ? TwilioErrors.Error(415, TwilioErrors.CodeFor(415), problem.Message + " Twilio's API takes form fields: Content-Type: application/x-www-form-urlencoded.")
        : Error(context, problem.StatusCode, problem.Message);

    public IReadOnlyDictionary<string, ProviderStateSetUp> ProviderStates => new Dictionary<string, ProviderStateSetUp>(StringComparer.Ordinal)
    {
        ["numbers are available in rate center {rate_center}, LATA {lata}"] = (r, s) =>
        {
            var lata = Lata.Parse(r.Text("lata"));
            var rateCenter = Places.RateCentersNamed(r.Text("rate_center")).FirstOrDefault(c => lata.Success && c.Lata == lata.Value)
                ?? throw new ProviderStateException($"the catalog has no rate center {r.Text("rate_center")} in LATA {r.Text("lata")}");
            Admin.ProviderStates.Expect(s, new SearchCriteria { RateCenter = rateCenter.Name, State = rateCenter.State, Lata = rateCenter.Lata });
        },
        ["account {account_sid} owns number {number} with sid {sid}"] = (r, s) =>
        {
            var sid = r.Text("account_sid");
            var account = s.Accounts.FindKey(Id, sid) is { } declared ? s.Accounts.ResolveDeclared(Id, declared.TenantId) : s.Accounts.ResolveUndeclared(Id, sid);
            var number = r.Number("number");
            Admin.ProviderStates.Force(s, number, NumberStatus.OwnedBy(account.Owner));
            var now = s.Clock.GetUtcNow();
            Store.Add(account.Owner, sid, number, new NumberSettings { FriendlyName = TwilioMapping.FriendlyName(number), DateUpdated = now }, now, r.Text("sid"));
        },
    };

    /// <summary>The path as Twilio writes it in <c>uri</c> fields: from <c>/2010-04-01</c>, whatever the mount point.</summary>
    internal static string TwilioPath(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var index = path.IndexOf("/2010-04-01", StringComparison.Ordinal);
        return index >= 0 ? path[index..] : path;
    }

    internal const string RepresentationOperation = "twilio.representation";

    private static CallerResult Fail(HttpContext context, string message)
    {
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
        return CallerResult.Fail(TwilioErrors.Unauthenticated(message));
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static bool TryReadBasic(string header, out string user, out string password)
    {
        user = password = "";
        const string Scheme = "Basic ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(header[Scheme.Length..].Trim()));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == decoded.Length - 1)
        {
            return false;
        }

        user = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        // Twilio ignores form fields it does not know (the SDKs send only documented ones), so unknown fields are skipped.
        var options = WireJson.CreateOptions(TwilioJsonContext.Default);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        return options;
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    internal static partial Regex AccountSid();

    [GeneratedRegex("^SK[0-9a-fA-F]{32}$")]
    private static partial Regex ApiKeySid();
}

/// <summary>The request authenticated with Twilio test credentials: only purchases are allowed, and they change nothing.</summary>
internal sealed record TestCredentials(string AccountSid);

/// <summary>
/// Source-generated metadata and serialization code for the answers Twilio serves most (number searches, IncomingPhoneNumbers): their first use
/// builds no metadata by reflection, and <see cref="WireJsonBuffer"/> writes them with the generated code (the
/// serializer itself would not: it keeps generated code for the default encoder, and the wire needs the relaxed
/// one). The naming policy repeats <see cref="WireJson.CreateOptions"/>'s; a test holds the output of all three
/// ways to the same bytes. Other types still go through reflection.
/// </summary>
[JsonSourceGenerationOptions(
    GenerationMode = JsonSourceGenerationMode.Default,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(AvailableNumbersPageWire))]
[JsonSerializable(typeof(IncomingNumberWire))]
[JsonSerializable(typeof(IncomingNumbersPageWire))]
internal sealed partial class TwilioJsonContext : JsonSerializerContext;
