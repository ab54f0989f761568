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
        Params?[name] is JsonArray array ? [.. array.Select(n => n!.ToString())] : throw new ProviderStateException($"parameter '{name}' must be a list");

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
    private static readonly Dictionary<string, Action<ProviderStateRequest, Simulation, IServiceProvider>> SetUps = new(StringComparer.Ordinal)
    {
        [""] = (_, _, _) => { },

        // Inventory: global, since a number bought through any dialect is gone for all.
        ["number {number} is available"] = (r, s, _) => Force(s, r.Number("number"), NumberStatus.Available),
        ["number {number} was taken by another buyer"] = (r, s, _) => Force(s, r.Number("number"), NumberStatus.Taken),
        ["number {number} is no longer available"] = (r, s, _) =>
            Force(s, r.Number("number"), new NumberStatus(NumberState.Quarantined, Until: s.Clock.GetUtcNow().AddDays(30))),
        ["numbers are available in area code {area_code}"] = (r, s, _) => Expect(s, new SearchCriteria { AreaCode = Npa.Parse(r.Text("area_code")).Value }),
        ["numbers are available in state {state}"] = (r, s, _) => Expect(s, new SearchCriteria { State = r.Text("state") }),
        ["numbers are available in {city}, {state}"] = (r, s, _) => Expect(s, new SearchCriteria { City = r.Text("city"), State = r.Text("state") }),
        ["numbers are available near ZIP {zip}"] = (r, s, _) => Expect(s, new SearchCriteria { Zip = ZipCode.Parse(r.Text("zip")).Value }),
        ["numbers are available in NPA-NXX {npa_nxx}"] = (r, s, _) => Expect(s, new SearchCriteria { NpaNxx = NpaNxx.Parse(r.Text("npa_nxx")).Value }),
        ["numbers containing {pattern} are available in area code {area_code}"] = (r, s, _) =>
            Expect(s, new SearchCriteria { AreaCode = Npa.Parse(r.Text("area_code")).Value, Contains = r.Text("pattern") }),
        ["{number_type} numbers are available in {country}"] = (r, s, _) =>
        {
            var type = NumberTypes.Parse(r.Text("number_type"));
            Expect(s, new SearchCriteria { Country = r.Text("country").ToUpperInvariant(), Type = type.Success ? type.Value : throw new ProviderStateException(type.Error) });
        },

        // DialStack: orders and DIDs with the ids the contract names.
        ["order {id} is pending"] = (r, s, sp) => DialStackOrder(r, s, sp, OrderStatus.Pending),
        ["order {id} is complete"] = (r, s, sp) => DialStackOrder(r, s, sp, OrderStatus.Complete),
        ["order {id} is partial"] = (r, s, sp) => DialStackOrder(r, s, sp, OrderStatus.Partial),
        ["order {id} has failed"] = (r, s, sp) => DialStackOrder(r, s, sp, OrderStatus.Failed),
        ["the account owns active number {number} with id {id}"] = (r, s, sp) =>
        {
            var account = DialStackAccount(r, s);
            Force(s, r.Number("number"), NumberStatus.OwnedBy(account.Owner));
            DialStack(sp).Store.AddActive(account.Owner, r.Text("id"), r.Number("number"));
        },
        ["the account owns {count} active numbers"] = (r, s, sp) =>
        {
            var account = DialStackAccount(r, s);
            var count = int.Parse(r.Text("count"), CultureInfo.InvariantCulture);
            var store = DialStack(sp).Store;
            var missing = count - store.List(account.Owner).Count(d => d.Status == "active");
            foreach (var found in missing > 0 ? s.Inventory.Search(new SearchCriteria { State = "NC", Quantity = Math.Min(100, missing) }) : [])
            {
                Force(s, found.Number, NumberStatus.OwnedBy(account.Owner));
                store.AddActive(account.Owner, s.Ids.Next("did_", 26), found.Number);
            }
        },

        // AgentMessage: restricted organisations use their own keys.
        ["API key {api_key} lacks scope {scope}"] = (r, s, _) =>
            DeclareKey(s, "agentmessage", r.Text("api_key"), AccountSettings.Default,
                [.. new[] { "numbers:read", "numbers:write", "messages:read", "messages:write", "campaigns:read", "campaigns:write" }.Where(x => x != r.Text("scope"))]),
        ["the organisation of API key {api_key} has no credit"] = (r, s, _) =>
            DeclareKey(s, "agentmessage", r.Text("api_key"), AccountSettings.Default with { Credit = 0 }, null),
        ["campaign {campaign_id} is ACTIVE with a VERIFIED brand"] = (r, s, _) => Campaign(r, s, active: true, BrandStatus.Verified),
        ["campaign {campaign_id} is PENDING"] = (r, s, _) => Campaign(r, s, active: false, BrandStatus.Verified),
        ["campaign {campaign_id} is ACTIVE with an UNVERIFIED brand"] = (r, s, _) => Campaign(r, s, active: true, BrandStatus.Unverified),

        // DialNexa: workspace settings.
        ["KYC is incomplete for {country}"] = (r, s, _) =>
            DeclareKey(s, "dialnexa", r.Text("api_key"), AccountSettings.Default with { KycPendingCountries = [r.Text("country")] }, null),
        ["country {country} is not enabled"] = (r, s, _) =>
            DeclareKey(s, "dialnexa", r.Text("api_key"), AccountSettings.Default with
            {
                EnabledCountries = [.. new[] { "US", "CA", "GB", "IN", "DE", "FR", "AU" }.Where(c => !c.Equals(r.Text("country"), StringComparison.OrdinalIgnoreCase))],
            }, null),

        // IdentityCall: key permissions.
        ["API key {api_key} has only read permission"] = (r, s, _) => DeclareKey(s, "identitycall", r.Text("api_key"), AccountSettings.Default, ["read"]),
    };

    public static IReadOnlyCollection<string> Names => SetUps.Keys;

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/provider-states", async (HttpContext context, Simulation simulation) =>
        {
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
            if (!SetUps.TryGetValue(state, out var setUp))
            {
                return AdminEndpoints.Error(400, $"Unknown provider state '{state}'. Known states: {string.Join("; ", SetUps.Keys.Where(k => k.Length > 0).Select(k => $"'{k}'"))}.");
            }

            try
            {
                setUp(request, simulation, context.RequestServices);
            }
            catch (Exception e) when (e is ProviderStateException or ArgumentException or InvalidOperationException or FormatException)
            {
                return AdminEndpoints.Error(400, $"Provider state '{state}' could not be set up: {e.Message}");
            }

            return AdminEndpoints.Ok(new { });
        }).WithName("admin.providerStates");

    private static void Force(Simulation simulation, PhoneNumber number, NumberStatus status)
    {
        if (simulation.Inventory.GetStatus(number).State == NumberState.NotInInventory)
        {
            // Contract examples may use real-looking numbers outside the catalog (e.g. +91 22…): adopt them.
            simulation.Inventory.Adopt(new NumberDetails(number, CountryOf(number), NumberType.Local, "", "", null));
        }

        simulation.Inventory.Force(number, status);
    }

    private static string CountryOf(PhoneNumber number) => number.CountryCallingCode switch
    {
        1 => "US",
        44 => "GB",
        91 => "IN",
        49 => "DE",
        33 => "FR",
        61 => "AU",
        _ => "ZZ",
    };

    private static void Expect(Simulation simulation, SearchCriteria criteria)
    {
        if (simulation.Inventory.Search(criteria with { Quantity = 1 }).Count == 0)
        {
            throw new ProviderStateException($"the simulator's inventory has no available number for {criteria.FilterKey()}");
        }
    }

    private static DialStackDialect DialStack(IServiceProvider services) =>
        services.GetServices<IDialect>().OfType<DialStackDialect>().Single();

    private static Account DialStackAccount(ProviderStateRequest r, Simulation s)
    {
        var key = r.Text("api_key");
        var tenant = s.Accounts.FindKey(DialStackDialect.Id, key)?.TenantId ?? key;
        return s.Accounts.Resolve(DialStackDialect.Id, $"{tenant}/{r.Text("account")}");
    }

    private static void DialStackOrder(ProviderStateRequest r, Simulation s, IServiceProvider sp, OrderStatus status)
    {
        var account = DialStackAccount(r, s);
        var completed = status == OrderStatus.Partial ? r.List("completed_numbers") : status == OrderStatus.Complete ? r.List("phone_numbers") : [];
        var failed = status == OrderStatus.Partial ? r.List("failed_numbers") : status == OrderStatus.Failed ? r.List("phone_numbers") : [];
        var numbers = status == OrderStatus.Partial ? [.. completed, .. failed] : r.List("phone_numbers");
        var parsed = numbers.Select(PhoneNumber.Parse).Select(p => p.Success ? p.Value : throw new ProviderStateException(p.Error)).ToList();
        foreach (var number in parsed)
        {
            Force(s, number, NumberStatus.Available);
        }

        var order = s.Orders.Restore(r.Text("id"), account.Owner, DialStackDialect.Id, parsed);
        DialStack(sp).Store.AddRowsFor(order);
        if (status != OrderStatus.Pending)
        {
            static List<PhoneNumber> Parse(IEnumerable<string> texts) => [.. texts.Select(t => PhoneNumber.Parse(t).Value)];
            s.Orders.ForceTransition(order, status, Parse(completed), Parse(failed),
                status == OrderStatus.Failed ? "No numbers could be acquired." : null);
        }
    }

    private static void DeclareKey(Simulation s, string dialect, string key, AccountSettings settings, IReadOnlyList<string>? scopes)
    {
        var tenant = dialect == "dialnexa" ? key.Split(':')[0] : key;
        s.Accounts.Declare(dialect, tenant, settings);
        s.Accounts.DeclareKey(dialect, new ApiKey(key, tenant, scopes));
        if (dialect == "dialnexa")
        {
            s.Accounts.DeclareKey(dialect, new ApiKey(tenant, tenant, scopes));
        }
    }

    private static void Campaign(ProviderStateRequest r, Simulation s, bool active, BrandStatus brand)
    {
        var key = r.Text("api_key");
        var tenant = s.Accounts.FindKey("agentmessage", key)?.TenantId ?? key;
        var existing = s.Accounts.Find("agentmessage", tenant)?.Settings ?? AccountSettings.Default;
        var campaignId = r.Text("campaign_id");
        var campaigns = existing.Campaigns.Where(c => c.Id != campaignId).Append(new Campaign(campaignId, "Docs campaign", active, "Docs brand", brand)).ToList();
        s.Accounts.Declare("agentmessage", tenant, existing with { Campaigns = campaigns });
    }
}
