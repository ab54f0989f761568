using System.Globalization;
using System.Text.Json.Nodes;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Dialects.DialStack;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Admin;

/// <summary>What the Pact verifier posts to the state-change URL.</summary>
internal sealed record ProviderStateRequest(string? Action, string? State, JsonObject? Params)
{
    public string Text(string name) =>
        Params?[name] is JsonValue value ? value.ToString() : throw new ProviderStateException($"parameter '{name}' is missing");

    public IReadOnlyList<string> List(string name) =>
        Params?[name] is JsonArray array
            ? [.. array.Select((n, i) => n is JsonValue value ? value.ToString() : throw new ProviderStateException($"parameter '{name}[{i}]' must be a string, not {n?.ToJsonString() ?? "null"}"))]
            : throw new ProviderStateException($"parameter '{name}' must be a list");

    /// <summary>A whole-number parameter (a JSON number or a numeric string) from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int Int(string name, int min, int max) =>
        int.TryParse(Text(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ProviderStateException($"parameter '{name}' must be a whole number from {min} to {max}; got '{Text(name)}'");

    /// <summary>A list of E.164 numbers; a bad one is refused naming its index.</summary>
    public IReadOnlyList<PhoneNumber> Numbers(string name) =>
        [.. List(name).Select((text, i) => PhoneNumber.Parse(text) is { Success: true } parsed
            ? parsed.Value
            : throw new ProviderStateException($"parameter '{name}[{i}]': {PhoneNumber.Parse(text).Error}"))];

    public PhoneNumber Number(string name)
    {
        var parsed = PhoneNumber.Parse(Text(name));
        return parsed.Success ? parsed.Value : throw new ProviderStateException($"parameter '{name}': {parsed.Error}");
    }
}

internal sealed class ProviderStateException(string message) : Exception(message);

/// <summary>
/// Pact provider states: each state name used in contracts/pacts maps to the simulator actions
/// that make it true (pact-net style: a dictionary from state name to set-up code). Set-ups
/// force the state they name, so they hold whatever earlier interactions did.
/// </summary>
internal static class ProviderStates
{
    private static readonly Dictionary<string, ProviderStateSetUp> SetUps = new(StringComparer.Ordinal)
    {
        [""] = (_, _) => { },

        // Inventory: global, since a number bought through any dialect is gone for all.
        ["number {number} is available"] = (r, s) => Force(s, r.Number("number"), NumberStatus.Available),
        ["number {number} was taken by another buyer"] = (r, s) => Force(s, r.Number("number"), NumberStatus.Taken),
        ["number {number} is no longer available"] = (r, s) =>
            Force(s, r.Number("number"), new NumberStatus(NumberState.Quarantined, Until: s.Clock.GetUtcNow().AddDays(30))),
        ["numbers are available in area code {area_code}"] = (r, s) => Expect(s, new SearchCriteria { AreaCode = Npa.Parse(r.Text("area_code")).Value }),
        ["numbers are available in state {state}"] = (r, s) => Expect(s, new SearchCriteria { State = r.Text("state") }),
        ["numbers are available in {city}, {state}"] = (r, s) => Expect(s, new SearchCriteria { City = r.Text("city"), State = r.Text("state") }),
        ["numbers are available near ZIP {zip}"] = (r, s) => Expect(s, new SearchCriteria { Zip = ZipCode.Parse(r.Text("zip")).Value }),
        ["numbers are available in NPA-NXX {npa_nxx}"] = (r, s) => Expect(s, new SearchCriteria { NpaNxx = NpaNxx.Parse(r.Text("npa_nxx")).Value }),
        ["numbers containing {pattern} are available in area code {area_code}"] = (r, s) =>
            Expect(s, new SearchCriteria { AreaCode = Npa.Parse(r.Text("area_code")).Value, Contains = r.Text("pattern") }),
        ["{number_type} numbers are available in {country}"] = (r, s) =>
        {
            var type = NumberTypes.Parse(r.Text("number_type"));
            Expect(s, new SearchCriteria { Country = r.Text("country").ToUpperInvariant(), Type = type.Success ? type.Value : throw new ProviderStateException(type.Error) });
        },
    };

    /// <summary>Every state: the shared inventory states and each served dialect's own.</summary>
    public static IReadOnlyDictionary<string, ProviderStateSetUp> All(IEnumerable<IDialect> dialects)
    {
        var all = new Dictionary<string, ProviderStateSetUp>(SetUps, StringComparer.Ordinal);
        foreach (var dialect in dialects)
        {
            foreach (var (name, setUp) in dialect.ProviderStates)
            {
                all[name] = setUp;
            }
        }

        return all;
    }

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/provider-states", async (HttpContext context, Simulation simulation, IEnumerable<IDialect> dialects) =>
        {
            var setUps = All(dialects);
            var (request, error) = await AdminEndpoints.ReadAsync<ProviderStateRequest>(context);
            if (error is not null)
            {
                return error;
            }

            if (request!.Action is "teardown")
            {
                return AdminEndpoints.Ok(new { });
            }

            var state = request.State ?? "";
            if (!setUps.TryGetValue(state, out var setUp))
            {
                return AdminEndpoints.Error(400, $"Unknown provider state '{state}'. Known states: {string.Join("; ", setUps.Keys.Where(k => k.Length > 0).Select(k => $"'{k}'"))}.");
            }

            try
            {
                setUp(request, simulation);
            }
            catch (ProviderStateException e) when (ParameterOf(e.Message) is { } parameter)
            {
                return AdminEndpoints.Invalid($"params.{parameter}", $"Provider state '{state}' could not be set up: {e.Message}.");
            }
            catch (Exception e) when (e is ProviderStateException or ArgumentException or InvalidOperationException or FormatException or OverflowException)
            {
                return AdminEndpoints.Error(400, $"Provider state '{state}' could not be set up: {e.Message}");
            }

            return AdminEndpoints.Ok(new { });
        }).WithName("admin.providerStates").Reads<ProviderStateRequest>();

    private static string? ParameterOf(string message) =>
        message.StartsWith("parameter '", StringComparison.Ordinal) && message.IndexOf('\'', 11) is var end and > 11 ? message[11..end] : null;

    internal static void Force(Simulation simulation, PhoneNumber number, NumberStatus status)
    {
        if (simulation.Inventory.GetStatus(number).State == NumberState.NotInInventory)
        {
            // Contract examples may use real-looking numbers outside the catalog (e.g. +91 22…): adopt them.
            simulation.Inventory.Adopt(new NumberDetails(number, CountryOf(simulation, number), NumberType.Local, "", "", null));
        }

        simulation.Inventory.Force(number, status);
    }

    private static string CountryOf(Simulation simulation, PhoneNumber number) =>
        simulation.Inventory.Catalog.CountryOfCallingCode(number.CountryCallingCode) ?? "ZZ";

    internal static void Expect(Simulation simulation, SearchCriteria criteria)
    {
        if (simulation.Inventory.Search(criteria with { Quantity = 1 }).Count == 0)
        {
            throw new ProviderStateException($"the simulator's inventory has no available number for {criteria.FilterKey()}");
        }
    }

    /// <summary>Declares <paramref name="key"/> for the tenant <paramref name="tenant"/> (the key itself by default) with these settings and scopes.</summary>
    internal static void DeclareKey(Simulation s, string dialect, string key, AccountSettings settings, IReadOnlyList<string>? scopes, string? tenant = null)
    {
        tenant ??= key;
        s.Accounts.Declare(dialect, tenant, settings);
        s.Accounts.DeclareKey(dialect, new ApiKey(key, tenant, scopes));
    }
}
