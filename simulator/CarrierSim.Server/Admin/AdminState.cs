using System.Text.Json;
using System.Text.Json.Nodes;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Hosting;
using CarrierSim.Server.Http;
using Wire = CarrierSim.AdminClient;

namespace CarrierSim.Server.Admin;

/// <summary>Accounts, inventory and orders in the control plane.</summary>
internal static class AdminState
{
    public static void Map(RouteGroupBuilder admin)
    {
        MapAccounts(admin.MapGroup("/accounts"));
        MapInventory(admin.MapGroup("/inventory"));
        MapOrders(admin.MapGroup("/orders"));
    }

    private static void MapAccounts(RouteGroupBuilder accounts)
    {
        accounts.MapGet("/", (Simulation s, string? dialect) =>
            AdminEndpoints.Ok(s.Accounts.All.Where(a => dialect is null || a.Dialect == dialect).Select(a => a.ToWire(s)).ToList()))
            .WithName("admin.listAccounts").Produces<List<Wire.SimulatorAccount>>();
        accounts.MapPost("/", async (HttpContext context, Simulation s) =>
        {
            var (json, error) = await AdminEndpoints.ReadAsync<JsonObject>(context);
            if (error is not null)
            {
                return error;
            }

            var dialects = string.Join(", ", CarrierSimOptions.AllDialects);
            Wire.AccountDefinition? definition = null;
            if (ListsMustNotBeNull.FirstOrDefault(name => json!.TryGetPropertyValue(name, out var value) && value is null) is { } explicitNull)
            {
                return AdminEndpoints.Invalid(explicitNull, $"{explicitNull} must not be null: {Expected(explicitNull, dialects)}; omit it for none.");
            }

            try
            {
                definition = json.Deserialize<Wire.AccountDefinition>(AdminEndpoints.Json);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return AdminEndpoints.Error(400, $"The request body is not a valid account: {e.Message}");
            }

            if (NullField(definition!) is { } field)
            {
                return AdminEndpoints.Invalid(field, $"{field} must not be null: {Expected(field, dialects)}; omit an optional field rather than send null.");
            }

            var body = definition!.ToOptions();
            var dialect = body.Dialect.ToLowerInvariant();
            if (!CarrierSimOptions.AllDialects.Contains(dialect) || string.IsNullOrWhiteSpace(body.Id))
            {
                return AdminEndpoints.Error(400, $"An account needs a dialect ({dialects}) and an id.");
            }

            // Every key is checked before anything is declared, so a refused request changes nothing.
            var keys = body.Keys.Select(key => new ApiKey(key.Key, body.Id, key.Scopes, key.Project)).ToList();
            var account = s.Accounts.Declare(dialect, body.Id, body.ToSettings());
            foreach (var key in keys)
            {
                s.Accounts.DeclareKey(dialect, key);
            }

            return AdminEndpoints.Ok(account.ToWire(s), 201);
        }).WithName("admin.createAccount").Reads<Wire.AccountDefinition>().Produces<Wire.SimulatorAccount>(StatusCodes.Status201Created);
        accounts.MapGet("/{dialect}/{**id}", (string dialect, string id, Simulation s) =>
            s.Accounts.Find(dialect, id) is { } account
                ? AdminEndpoints.Ok(account.ToWire(s))
                : AdminEndpoints.Error(404, $"No {dialect} account '{id}'; GET /__admin/accounts lists them."))
            .WithName("admin.getAccount").Produces<Wire.SimulatorAccount>();
        accounts.MapPost("/{dialect}/{**id}", async (string dialect, string id, HttpContext context, Simulation s) =>
        {
            if (s.Accounts.Find(dialect, id) is not { } account)
            {
                return AdminEndpoints.Error(404, $"No {dialect} account '{id}'.");
            }

            var (body, error) = await AdminEndpoints.ReadAsync<CreditRequest>(context);
            if (error is not null)
            {
                return error;
            }

            account.SetCredit(body!.Credit);
            return AdminEndpoints.Ok(account.ToWire(s));
        }).WithName("admin.setCredit").Reads<CreditRequest>().Produces<Wire.SimulatorAccount>();
        accounts.MapDelete("/{dialect}/{**id}", (string dialect, string id, Simulation s) =>
            s.DeleteTenant(dialect, id) is { } deleted
                ? AdminEndpoints.Ok(new Wire.DeletedAccount { Dialect = deleted.Account.Dialect, Id = deleted.Account.Id, NumbersReleased = deleted.NumbersReleased, OrdersForgotten = deleted.OrdersForgotten })
                : AdminEndpoints.Error(404, $"No {dialect} account '{id}'; GET /__admin/accounts lists them."))
            .WithName("admin.deleteAccount").Produces<Wire.DeletedAccount>();
    }

    private sealed record CreditRequest(decimal Credit);

    /// <summary>The first field of an account definition that is null where a value is required, e.g. <c>keys[0]</c>.</summary>
    private static string? NullField(Wire.AccountDefinition a)
    {
        static string? Elements<T>(string name, IReadOnlyList<T>? list, Func<T, string?>? inner = null)
            where T : class
        {
            for (var i = 0; list is not null && i < list.Count; i++)
            {
                if (list[i] is null)
                {
                    return $"{name}[{i}]";
                }

                if (inner?.Invoke(list[i]) is { } field)
                {
                    return $"{name}[{i}].{field}";
                }
            }

            return null;
        }

        return a.Dialect is null ? "dialect"
            : a.Id is null ? "id"
            : Elements("enabledCountries", a.EnabledCountries)
            ?? Elements("kycPendingCountries", a.KycPendingCountries)
            ?? Elements("campaigns", a.Campaigns, c => c.Id is null ? "id" : null)
            ?? Elements("keys", a.Keys, k => k.Key is null ? "key" : Elements("scopes", k.Scopes));
    }

    // Optional lists may be omitted but not sent as null (enabledCountries: null means every country).
    private static readonly string[] ListsMustNotBeNull = ["keys", "campaigns", "kycPendingCountries"];

    private static string Expected(string field, string dialects) => field switch
    {
        "dialect" => $"give one of {dialects}",
        "id" => "give the account's id",
        "keys" => "give a list of keys, e.g. [{\"key\": \"sk_test\"}]",
        "campaigns" => "give a list of campaigns, e.g. [{\"id\": \"CAMP1\"}]",
        _ when field.StartsWith("keys[", StringComparison.Ordinal) => "each key is an object with a key, e.g. {\"key\": \"sk_test\", \"scopes\": [\"numbers:read\"]}",
        _ when field.StartsWith("campaigns[", StringComparison.Ordinal) => "each campaign is an object with an id, e.g. {\"id\": \"CAMP1\"}",
        "kycPendingCountries" => "give a list of ISO country codes, e.g. [\"IN\"]",
        _ => "each country is an ISO code such as \"US\"",
    };

    private static void MapInventory(RouteGroupBuilder inventory)
    {
        inventory.MapGet("/stats", (Simulation s) => AdminEndpoints.Ok(s.Inventory.GetStats().ToWire())).WithName("admin.inventoryStats").Produces<Wire.InventoryStats>();
        inventory.MapGet("/search", (HttpContext context, Simulation s) =>
        {
            var q = context.Request.Query;
            string? P(string name) => string.IsNullOrWhiteSpace(q[name]) ? null : q[name].ToString();
            var errors = new List<string>();
            T? Parse<T>(string name, Func<string, ParseResult<T>> parse)
                where T : struct
            {
                if (P(name) is not { } text)
                {
                    return null;
                }

                var result = parse(text);
                if (!result.Success)
                {
                    errors.Add(result.Error);
                    return null;
                }

                return result.Value;
            }

            var criteria = new SearchCriteria
            {
                Country = P("country")?.ToUpperInvariant() ?? "US",
                Type = Parse("type", NumberTypes.Parse),
                AreaCode = Parse("areaCode", Npa.Parse),
                NpaNxx = Parse("npaNxx", NpaNxx.Parse),
                NpaNxxX = P("npaNxxX") is { } x ? int.TryParse(x, out var block) ? block : -1 : null,
                Zip = Parse("zip", ZipCode.Parse),
                RateCenter = P("rateCenter"),
                Lata = Parse("lata", Lata.Parse),
                State = P("state"),
                City = P("city"),
                StartsWith = P("startsWith"),
                Contains = P("contains"),
                EndsWith = P("endsWith"),
                Quantity = P("quantity") is { } n ? int.TryParse(n, out var quantity) ? quantity : -1 : 10,
            };
            errors.AddRange(criteria.Validate());
            return errors.Count > 0
                ? AdminEndpoints.Error(400, string.Join(" ", errors))
                : AdminEndpoints.Ok(s.Inventory.Search(criteria).Select(d => d.ToWire(s)).ToList());
        }).WithName("admin.searchInventory").Produces<List<Wire.NumberDetails>>();
        inventory.MapGet("/numbers/{number}", (string number, Simulation s) =>
        {
            var parsed = PhoneNumber.Parse(number);
            if (!parsed.Success)
            {
                return AdminEndpoints.Error(400, parsed.Error);
            }

            var status = s.Inventory.GetStatus(parsed.Value);
            var details = s.Inventory.Describe(parsed.Value);
            var owner = status.Owner is { } o ? s.Accounts.FindByOwner(o) : null;
            return details is null
                ? AdminEndpoints.Error(404, $"{number} is not in the simulator's catalog.")
                : AdminEndpoints.Ok(new Wire.NumberDetails
                {
                    Number = details.ToWire(s),
                    Owner = owner is null ? null : new Wire.NumberOwner { Dialect = owner.Dialect, Id = owner.Id },
                    Until = status.Until,
                });
        }).WithName("admin.getNumber").Produces<Wire.InventoryNumber>();
        inventory.MapPut("/numbers/{number}", async (string number, HttpContext context, Simulation s) =>
        {
            var parsed = PhoneNumber.Parse(number);
            if (!parsed.Success)
            {
                return AdminEndpoints.Error(400, parsed.Error);
            }

            var (body, error) = await AdminEndpoints.ReadAsync<ForceStateRequest>(context);
            if (error is not null)
            {
                return error;
            }

            NumberStatus status;
            switch (body!.State?.ToLowerInvariant())
            {
                case "available":
                    status = NumberStatus.Available;
                    break;
                case "taken":
                    status = NumberStatus.Taken;
                    break;
                case "owned" when body.Dialect is { } dialect && body.Account is { } id:
                    status = NumberStatus.OwnedBy(s.Accounts.Resolve(dialect.ToLowerInvariant(), id).Owner);
                    break;
                default:
                    return AdminEndpoints.Error(400, "state must be available, taken, or owned (with dialect and account, the tenant id as /__admin/accounts shows it).");
            }

            try
            {
                s.Inventory.Force(parsed.Value, status);
            }
            catch (ArgumentException e)
            {
                return AdminEndpoints.Error(404, e.Message);
            }

            return AdminEndpoints.Ok(s.Inventory.Describe(parsed.Value)!.ToWire(s));
        }).WithName("admin.forceNumber").Reads<ForceStateRequest>().Produces<Wire.InventoryNumber>();
    }

    private sealed record ForceStateRequest(string? State, string? Dialect, string? Account);

    private static void MapOrders(RouteGroupBuilder orders)
    {
        orders.MapGet("/", (Simulation s, string? dialect, string? status) =>
            AdminEndpoints.Ok(s.Orders.List()
                .Where(o => dialect is null || o.Origin == dialect)
                .Where(o => status is null || o.Status.ToString().Equals(status, StringComparison.OrdinalIgnoreCase))
                .Select(o => o.ToWire(s))
                .ToList()))
            .WithName("admin.listOrders").Produces<List<Wire.SimulatorOrder>>();
        orders.MapGet("/{id}", (string id, Simulation s) =>
            s.Orders.Find(id) is { } order ? AdminEndpoints.Ok(order.ToWire(s)) : AdminEndpoints.Error(404, $"No order '{id}'."))
            .WithName("admin.getOrder").Produces<Wire.SimulatorOrder>();
        orders.MapPost("/{id}/transition", async (string id, HttpContext context, Simulation s) =>
        {
            if (s.Orders.Find(id) is not { } order)
            {
                return AdminEndpoints.Error(404, $"No order '{id}'.");
            }

            var (body, error) = await AdminEndpoints.ReadAsync<TransitionRequest>(context);
            if (error is not null)
            {
                return error;
            }

            if (!Enum.TryParse<OrderStatus>(body!.Status, ignoreCase: true, out var to))
            {
                return AdminEndpoints.Error(400, "status must be complete, partial or failed.");
            }

            try
            {
                s.Orders.ForceTransition(order, to);
            }
            catch (IllegalOrderTransitionException e)
            {
                return AdminEndpoints.Error(409, e.Message);
            }

            return AdminEndpoints.Ok(order.ToWire(s));
        }).WithName("admin.transitionOrder").Reads<TransitionRequest>().Produces<Wire.SimulatorOrder>();
    }

    private sealed record TransitionRequest(string? Status);
}
