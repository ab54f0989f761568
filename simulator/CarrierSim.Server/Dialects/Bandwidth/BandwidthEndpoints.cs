using System.Globalization;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Bandwidth;

/// <summary>
/// Bandwidth's routes, under <c>/{apiVersion}/accounts/{accountId}</c> where apiVersion is
/// <c>api</c> (the docs, the node SDK) or <c>v1.0</c> (the C# SDK). Operation ids
/// (<c>bandwidth.createOrder</c>…) key chaos targeting and the journal for both prefixes.
/// </summary>
internal static partial class BandwidthEndpoints
{
    /// <summary>The most numbers one order, disconnect or search-and-order takes in the simulator (Bandwidth's error 5095 names its own limit).</summary>
    private const int MaxNumbersPerOrder = BandwidthSearch.MaxQuantity;

    private static readonly string[] OrderTypeNames =
    [
        "ExistingTelephoneNumberOrderType", "AreaCodeSearchAndOrderType", "RateCenterSearchAndOrderType", "NPANXXSearchAndOrderType",
        "CitySearchAndOrderType", "StateSearchAndOrderType", "ZIPSearchAndOrderType", "LATASearchAndOrderType",
        "TollFreeVanitySearchAndOrderType", "TollFreeWildCharSearchAndOrderType", "CombinedSearchAndOrderType",
    ];

    public static void Map(RouteGroupBuilder group, BandwidthDialect dialect, Simulation simulation)
    {
        var store = dialect.Store;
        var account = group.MapGroup("/{apiVersion}/accounts/{accountId}");
        account.MapGet("/availableNumbers", (HttpContext context) => Search(context, simulation, store))
            .Operation("bandwidth.searchNumbers", OperationKind.Search)
            .Query("areaCode", "3-digit area code, first digit 2-9, e.g. 919")
            .Query("npaNxx", "6 digits: area code + exchange, e.g. 919439")
            .Query("npaNxxx", "7 digits: area code + exchange + first line digit, e.g. 9194391")
            .Query("rateCenter", "rate center abbreviation, e.g. RALEIGH; requires state")
            .Query("state", "2-letter state, e.g. NC")
            .Query("city", "city name, e.g. RALEIGH; requires state")
            .Query("zip", "5-digit ZIP or ZIP+4, e.g. 27606")
            .Query("lata", "LATA, up to 5 digits, e.g. 426")
            .Query("localVanity", "4 to 7 letters or digits, e.g. NEWCARS; combines with state and areaCode")
            .Query("endsIn", "with localVanity: the vanity ends the number (default false)", "boolean")
            .Query("tollFreeVanity", "7 or more letters or digits, e.g. NEWCARS")
            .Query("tollFreeWildCardPattern", "3 characters starting with 8, e.g. 8**, 80* or 87*")
            .Query("quantity", "1 to 5000 (default 5000); the simulator answers at most 100", "integer")
            .Query("enableTNDetail", "true: TelephoneNumberDetailList with City, LATA, RateCenter, State, Tier, Vendor (default false)", "boolean")
            .Query("LCA", "with npaNxx or npaNxxx alone: search the local calling area (default true)", "boolean")
            .Query("orderBy", "fullNumber, npaNxxx, npaNxx or areaCode")
            .Query("protected", "NONE, ONLY or MIXED")
            .Produces<SearchResult>(StatusCodes.Status200OK, BandwidthXml.ContentType);
        account.MapPost("/orders", (HttpContext context, string accountId, Body<BandwidthOrder> body) => CreateOrder(context, accountId, body.Value, simulation, store))
            .Operation("bandwidth.createOrder", OperationKind.Order)
            .Reads<BandwidthOrder>(BandwidthXml.ContentType)
            .Produces<OrderResponse>(StatusCodes.Status201Created, BandwidthXml.ContentType);
        account.MapGet("/orders", (HttpContext context, string accountId) => ListOrders(context, simulation, store))
            .Operation("bandwidth.listOrders", OperationKind.List)
            .Query("page", "1 for the first page, else the order id that starts the page (from the next link)")
            .Query("size", "orders per page, 1 to 1000 (default 300)", "integer")
            .Query("status", "RECEIVED, COMPLETE, PARTIAL or FAILED")
            .Query("customerOrderId", "the CustomerOrderId the order was placed with")
            .Produces<ResponseSelectWrapper>(StatusCodes.Status200OK, BandwidthXml.ContentType);
        account.MapGet("/orders/{orderId}", (HttpContext context, string orderId) => GetOrder(context, orderId, simulation, store))
            .Operation("bandwidth.getOrder", OperationKind.Get)
            .Query("tndetail", "accepted; the simulator answers the same payload either way", "boolean")
            .Produces<OrderResponse>(StatusCodes.Status200OK, BandwidthXml.ContentType);
        account.MapPost("/tnreservation", (HttpContext context, string accountId, Body<ReservationRequest> body) => Reserve(context, accountId, body.Value, simulation, store))
            .Operation("bandwidth.reserveNumber", OperationKind.Other)
            .Reads<ReservationRequest>(BandwidthXml.ContentType)
            .Produces(StatusCodes.Status201Created);
        account.MapGet("/tnreservation/{reservationId}", (HttpContext context, string accountId, string reservationId) => GetReservation(context, accountId, reservationId, simulation, store, delete: false))
            .Operation("bandwidth.getReservation", OperationKind.Get)
            .Produces<ReservationResponse>(StatusCodes.Status200OK, BandwidthXml.ContentType);
        account.MapDelete("/tnreservation/{reservationId}", (HttpContext context, string accountId, string reservationId) => GetReservation(context, accountId, reservationId, simulation, store, delete: true))
            .Operation("bandwidth.deleteReservation", OperationKind.Other)
            .Produces<ReservationResponse>(StatusCodes.Status200OK, BandwidthXml.ContentType);
        account.MapPost("/disconnects", (HttpContext context, Body<DisconnectTelephoneNumberOrder> body) => Disconnect(context, body.Value, simulation, store))
            .Operation("bandwidth.createDisconnect", OperationKind.Release)
            .Reads<DisconnectTelephoneNumberOrder>(BandwidthXml.ContentType)
            .Produces<DisconnectTelephoneNumberOrderResponse>(StatusCodes.Status201Created, BandwidthXml.ContentType);
        account.MapGet("/disconnects/{disconnectId}", (HttpContext context, string disconnectId) => GetDisconnect(context, disconnectId, simulation, store))
            .Operation("bandwidth.getDisconnect", OperationKind.Get)
            .Produces<DisconnectTelephoneNumberOrderResponse>(StatusCodes.Status200OK, BandwidthXml.ContentType);
        account.MapGet("/inserviceNumbers", (HttpContext context, string accountId) => InService(context, simulation, store))
            .Operation("bandwidth.listInServiceNumbers", OperationKind.List)
            .Query("page", "page number, from 1 (default 1)", "integer")
            .Query("size", "numbers per page, 1 to 5000 (default 300)", "integer")
            .Query("areacode", "3-digit area code, e.g. 919", "integer")
            .Query("npanxx", "6 digits, e.g. 919439", "integer")
            .Query("lata", "LATA, e.g. 426", "integer")
            .Query("state", "2-letter state, e.g. NC")
            .Query("ratecenter", "rate center abbreviation; requires state")
            .Query("startdate", "in service on or after this date, yy-mm-dd or yyyy-mm-dd")
            .Query("enddate", "in service on or before this date, yy-mm-dd or yyyy-mm-dd")
            .Produces<TNs>(StatusCodes.Status200OK, BandwidthXml.ContentType)
            .Produces(StatusCodes.Status204NoContent);
        account.MapGet("/inserviceNumbers/{tn}", (HttpContext context, string tn) => IsInService(context, tn, store))
            .Operation("bandwidth.getInServiceNumber", OperationKind.Get)
            .Produces(StatusCodes.Status200OK);
    }

    private static IResult Search(HttpContext context, Simulation simulation, BandwidthStore store)
    {
        var query = context.Request.Query;
        var quantity = 5000;
        if (query.Param("quantity") is { } quantityText && (!int.TryParse(quantityText, NumberStyles.None, CultureInfo.InvariantCulture, out quantity) || quantity is < 1 or > 5000))
        {
            return BandwidthErrors.Search(context, new SearchProblem(4010, $"Provided search criteria are unsupported or are not valid: quantity '{quantityText}' must be an integer from 1 to 5000."));
        }

        var details = false;
        if (query.Param("enableTNDetail") is { } detailText && !BandwidthSearch.TryBool(detailText, out details))
        {
            return BandwidthErrors.Search(context, new SearchProblem(4010, $"Provided search criteria are unsupported or are not valid: enableTNDetail '{detailText}' must be true or false."));
        }

        var input = new SearchInput
        {
            AreaCode = query.Param("areaCode"),
            NpaNxx = query.Param("npaNxx"),
            NpaNxxx = query.Param("npaNxxx"),
            RateCenter = query.Param("rateCenter"),
            State = query.Param("state"),
            City = query.Param("city"),
            Zip = query.Param("zip"),
            Lata = query.Param("lata"),
            LocalVanity = query.Param("localVanity"),
            EndsIn = query.Param("endsIn"),
            TollFreeVanity = query.Param("tollFreeVanity"),
            TollFreeWildCardPattern = query.Param("tollFreeWildCardPattern"),
            Lca = query.Param("LCA"),
            OrderBy = query.Param("orderBy"),
            Protected = query.Param("protected"),
        };
        var (search, problem) = BandwidthSearch.Read(input, quantity, simulation.Inventory.Catalog);
        if (problem is not null)
        {
            return BandwidthErrors.Search(context, problem);
        }

        var found = context.Chaos().Drought ? [] : BandwidthSearch.Run(simulation, store, search!, context.Caller().Account.Owner);
        if (found.Count == 0)
        {
            // numbers.yml: "If no numbers are available an empty SearchResult element is returned."
            return BandwidthXml.Result(new SearchResult());
        }

        return BandwidthXml.Result(new SearchResult
        {
            ResultCount = BandwidthXml.Int(found.Count),
            TelephoneNumberList = details ? null : [.. found.Select(n => BandwidthNumbers.Tn(n.Number))],
            TelephoneNumberDetailList = details ? [.. found.Select(n => n.ToDetailWire())] : null,
        });
    }

    private static IResult CreateOrder(HttpContext context, string accountId, BandwidthOrder order, Simulation simulation, BandwidthStore store)
    {
        var caller = context.Caller();
        var owner = caller.Account.Owner;
        var now = simulation.Clock.GetUtcNow();
        var unknown = order.Unknown;
        order.Unknown = null;
        order.Id = null;
        // XmlSerializer creates every list, sent or not: an absent list is not echoed.
        order.TnAttributes = order.TnAttributes is { Count: > 0 } ? order.TnAttributes : null;
        if (order.ExistingTelephoneNumberOrderType is { } existingType)
        {
            existingType.ReservationIdList = existingType.ReservationIdList is { Count: > 0 } ? existingType.ReservationIdList : null;
        }

        order.OrderCreateDate = BandwidthXml.Time(now);
        IResult Reject(string code, string description, string? number = null) => BandwidthXml.Result(new OrderResponse
        {
            ErrorList = [new BandwidthError { Code = code, Description = description, TelephoneNumber = number }],
            Order = order,
        }, StatusCodes.Status400BadRequest);

        if (unknown is { Length: > 0 })
        {
            return Reject("5087", $"The input order type is not a valid entry: <{unknown[0].Name}> is not an element of <Order>. Send exactly one of {string.Join(", ", OrderTypeNames)}.");
        }

        var types = OrderTypes(order).Where(t => t.Value is not null).ToList();
        if (types.Count != 1)
        {
            return Reject("5087", types.Count == 0
                ? $"The input order type is not a valid entry: the order has no order type. Add exactly one of {string.Join(", ", OrderTypeNames)}."
                : $"The input order type is not a valid entry: the order has {types.Count} order types ({string.Join(", ", types.Select(t => t.Name))}); send exactly one.");
        }

        if (order.SiteId is null)
        {
            return Reject("5022", "SiteId is a required field: add <SiteId> with the id of the site (sub-account) the numbers go to, e.g. <SiteId>743</SiteId>.");
        }

        if (!int.TryParse(order.SiteId, NumberStyles.None, CultureInfo.InvariantCulture, out var site) || site < 1)
        {
            return Reject("5016", $"The SiteId submitted is invalid: '{order.SiteId}' must be a positive integer site id, e.g. 743.");
        }

        if (order.CustomerOrderId is { } customerOrderId && !CustomerOrderId().IsMatch(customerOrderId))
        {
            return Reject("5052", "Customer order ID is invalid. Only alphanumeric values, dashes and spaces are allowed. Max length is 40 characters.");
        }

        var partial = true;
        if (order.PartialAllowed is { } partialText && !BandwidthSearch.TryBool(partialText, out partial))
        {
            return Reject("5002", $"Validation error: PartialAllowed '{partialText}' must be true or false.");
        }

        var backOrder = false;
        if (order.BackOrderRequested is { } backOrderText && !BandwidthSearch.TryBool(backOrderText, out backOrder))
        {
            return Reject("5002", $"Validation error: BackOrderRequested '{backOrderText}' must be true or false.");
        }

        var (typeName, typeValue) = types[0];
        if (backOrder && typeName is "ExistingTelephoneNumberOrderType" or "NPANXXSearchAndOrderType" or "TollFreeVanitySearchAndOrderType")
        {
            return Reject("5522", "Backorders are not compatible with Specific TN, NPANXX, NPANXXX, TollFree Vanity or Local Vanity orders: set BackOrderRequested to false.");
        }

        var attributes = order.TnAttributes ?? [];
        if (attributes.FirstOrDefault(a => a is not ("Protected" or "External" or "Imported")) is { } badAttribute)
        {
            return Reject("5102", $"Telephone number attribute '{badAttribute}' is invalid. Valid values: Protected, External, Imported.");
        }

        if (attributes.GroupBy(a => a, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return Reject("5102", $"Duplicate telephone number attribute '{twice.Key}'.");
        }

        var id = simulation.Ids.NextGuid("bandwidth-order").ToString();
        List<PhoneNumber> numbers;
        var refused = new List<BandwidthError>();
        var reservations = new List<string>();
        int quantity;
        if (typeValue is ExistingTelephoneNumberOrderType existing)
        {
            var listed = existing.TelephoneNumberList ?? [];
            if (listed.Count == 0)
            {
                return Reject("5073", "Telephone number is required: list the numbers in <TelephoneNumberList><TelephoneNumber>9193752369</TelephoneNumber></TelephoneNumberList>.");
            }

            if (listed.Count > MaxNumbersPerOrder)
            {
                return Reject("5095", $"The count of telephone numbers in order exceeds the maximum size of {MaxNumbersPerOrder}: split the order.");
            }

            numbers = [];
            foreach (var text in listed)
            {
                if (BandwidthNumbers.Parse(text) is not { } number)
                {
                    return Reject("5070", $"Telephone number is invalid: '{text}' must be ten digits, area code and exchange starting 2-9, e.g. 9193752369.", text);
                }

                if (numbers.Contains(number))
                {
                    return Reject("5072", $"Duplicate telephone number: list {text} once.", text);
                }

                numbers.Add(number);
            }

            foreach (var reservationId in existing.ReservationIdList ?? [])
            {
                if (store.FindReservation(owner, reservationId.Trim()) is not { } reservation)
                {
                    return Reject("5042", $"Reservation {reservationId} for account {accountId} not found: it expired, was deleted, or belongs to another account.");
                }

                reservations.Add(reservation.Id);
            }

            // Numbers reserved by someone else, or by this account without its reservation id, are refused (the order learns it when it settles).
            foreach (var number in numbers.ToList())
            {
                if (store.ReservationOf(number) is { } held && !reservations.Contains(held.Id, StringComparer.OrdinalIgnoreCase))
                {
                    numbers.Remove(number);
                    refused.Add(new BandwidthError
                    {
                        Code = "5005",
                        Description = held.Owner == owner
                            ? "Telephone Number Unavailable: this account reserved it; list its ReservationId in ReservationIdList"
                            : "Telephone Number Unavailable: reserved by another account",
                        TelephoneNumber = BandwidthNumbers.Tn(number),
                    });
                }
            }

            quantity = listed.Count;
        }
        else
        {
            var criteria = (SearchAndOrderType)typeValue!;
            var (query, problem, requested) = ReadSearchAndOrder(typeName, criteria, simulation.Inventory.Catalog);
            if (problem is not null)
            {
                return Reject(problem.Code.ToString(CultureInfo.InvariantCulture), problem.Description);
            }

            quantity = requested;
            numbers = [.. BandwidthSearch.Run(simulation, store, query!, owner).Select(n => n.Number)];
        }

        var record = new BandwidthOrderRecord
        {
            Id = id,
            Owner = owner,
            AccountId = accountId,
            User = caller.Key?.Key ?? UserOf(context),
            Order = order,
            Quantity = quantity,
            SearchAndOrder = typeValue is SearchAndOrderType,
            Refused = refused,
            ReservationIds = reservations,
        };
        order.Id = id;
        var placed = simulation.Orders.Place(new OrderRequest
        {
            Owner = owner,
            Origin = BandwidthDialect.Id,
            IdPrefix = "bwo_",
            Numbers = numbers,
            PartialAllowed = partial,
            // Bandwidth accepts every well-formed order and reports unavailable numbers when it settles.
            FailWhenDue = true,
            // What the search did not find, or the numbers refused for their reservations: they fail when the order settles.
            Shortfall = quantity - numbers.Count,
            Chaos = context.Chaos(),
            Details = record,
        });
        if (placed.Order is null)
        {
            return BandwidthErrors.Status(context, 500, $"The order could not be placed ({placed.Failure}); this is a CarrierSim bug, please report it.");
        }

        context.Response.Headers.Location = Location(context, id);
        return BandwidthXml.Result(new OrderResponse { Order = order, OrderStatus = "RECEIVED" }, StatusCodes.Status201Created);
    }

    /// <summary>A search-and-order type's criteria: only the elements its type documents, then Bandwidth's search rules.</summary>
    private static (BandwidthQuery? Query, SearchProblem? Problem, int Quantity) ReadSearchAndOrder(string typeName, SearchAndOrderType type, NumberingCatalog catalog)
    {
        var present = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AreaCode"] = type.AreaCode, ["RateCenter"] = type.RateCenter, ["State"] = type.State, ["NpaNxx"] = type.NpaNxx, ["NpaNxxX"] = type.NpaNxxX,
            ["Lata"] = type.Lata, ["City"] = type.City, ["Zip"] = type.Zip, ["LocalVanity"] = type.LocalVanity, ["EndsIn"] = type.EndsIn,
            ["TollFreeVanity"] = type.TollFreeVanity, ["TollFreeWildCardPattern"] = type.TollFreeWildCardPattern, ["EnableTNDetail"] = type.EnableTNDetail, ["EnableLCA"] = type.EnableLCA,
        };
        (string[] Required, string[] Allowed) rule = typeName switch
        {
            "AreaCodeSearchAndOrderType" => (["AreaCode"], ["AreaCode"]),
            "RateCenterSearchAndOrderType" => (["RateCenter", "State"], ["RateCenter", "State", "EnableLCA"]),
            "NPANXXSearchAndOrderType" => (["NpaNxx"], ["NpaNxx", "EnableTNDetail", "EnableLCA"]),
            "CitySearchAndOrderType" => (["City", "State"], ["City", "State"]),
            "StateSearchAndOrderType" => (["State"], ["State"]),
            "ZIPSearchAndOrderType" => (["Zip"], ["Zip"]),
            "LATASearchAndOrderType" => (["Lata"], ["Lata"]),
            "TollFreeVanitySearchAndOrderType" => (["TollFreeVanity"], ["TollFreeVanity"]),
            "TollFreeWildCharSearchAndOrderType" => (["TollFreeWildCardPattern"], ["TollFreeWildCardPattern"]),
            _ => ([], ["AreaCode", "RateCenter", "State", "NpaNxx", "NpaNxxX", "Lata", "City", "Zip", "EnableLCA", "LocalVanity", "EndsIn"]),
        };
        if (rule.Required.FirstOrDefault(r => present[r] is null) is { } missing)
        {
            return (null, new SearchProblem(5002, $"Validation error: {typeName} needs <{missing}>{Example(missing)}</{missing}>."), 0);
        }

        if (present.FirstOrDefault(p => p.Value is not null && !rule.Allowed.Contains(p.Key)).Key is { } stray)
        {
            return (null, new SearchProblem(5002, $"Validation error: <{stray}> is not an element of {typeName}; it takes {string.Join(", ", rule.Allowed)} and Quantity."), 0);
        }

        if (type.Quantity is null || !int.TryParse(type.Quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity < 1)
        {
            return (null, new SearchProblem(5009, $"The quantity specified '{type.Quantity}' is invalid: add <Quantity> with a whole number from 1 to {MaxNumbersPerOrder}."), 0);
        }

        if (quantity > MaxNumbersPerOrder)
        {
            return (null, new SearchProblem(5095, $"The count of telephone numbers in order exceeds the maximum size of {MaxNumbersPerOrder}: order at most {MaxNumbersPerOrder} at a time."), 0);
        }

        if (type.EnableTNDetail is { } detail && !BandwidthSearch.TryBool(detail, out _))
        {
            return (null, new SearchProblem(5002, $"Validation error: EnableTNDetail '{detail}' must be true or false."), 0);
        }

        if (typeName == "CombinedSearchAndOrderType" && type.LocalVanity is not null && type.AreaCode is null)
        {
            return (null, new SearchProblem(5002, "Validation error: a local vanity order needs <AreaCode> as well as <LocalVanity>."), 0);
        }

        var input = new SearchInput
        {
            AreaCode = type.AreaCode?.Trim(),
            NpaNxx = type.NpaNxx?.Trim(),
            NpaNxxx = type.NpaNxxX?.Trim(),
            RateCenter = type.RateCenter?.Trim(),
            State = type.State?.Trim(),
            City = type.City?.Trim(),
            Zip = type.Zip?.Trim(),
            Lata = type.Lata?.Trim(),
            LocalVanity = type.LocalVanity?.Trim(),
            EndsIn = type.EndsIn?.Trim(),
            TollFreeVanity = type.TollFreeVanity?.Trim(),
            TollFreeWildCardPattern = type.TollFreeWildCardPattern?.Trim(),
            Lca = type.EnableLCA?.Trim(),
        };
        if (new[] { input.AreaCode, input.NpaNxx, input.NpaNxxx, input.RateCenter, input.State, input.City, input.Zip, input.Lata, input.LocalVanity, input.TollFreeVanity, input.TollFreeWildCardPattern }.All(v => v is null))
        {
            return (null, new SearchProblem(5002, $"Validation error: {typeName} needs search criteria, e.g. <AreaCode>919</AreaCode> or <State>NC</State>."), 0);
        }

        var (query, problem) = BandwidthSearch.Read(input, quantity, catalog);
        return (query, problem, quantity);
    }

    private static string Example(string element) => element switch
    {
        "AreaCode" => "919",
        "RateCenter" => "RALEIGH",
        "State" => "NC",
        "NpaNxx" => "919439",
        "City" => "RALEIGH",
        "Zip" => "27606",
        "Lata" => "426",
        "TollFreeVanity" => "NEWCARS",
        _ => "8**",
    };

    private static IEnumerable<(string Name, object? Value)> OrderTypes(BandwidthOrder order) =>
    [
        ("ExistingTelephoneNumberOrderType", order.ExistingTelephoneNumberOrderType),
        ("AreaCodeSearchAndOrderType", order.AreaCodeSearchAndOrderType),
        ("RateCenterSearchAndOrderType", order.RateCenterSearchAndOrderType),
        ("NPANXXSearchAndOrderType", order.NPANXXSearchAndOrderType),
        ("CitySearchAndOrderType", order.CitySearchAndOrderType),
        ("StateSearchAndOrderType", order.StateSearchAndOrderType),
        ("ZIPSearchAndOrderType", order.ZIPSearchAndOrderType),
        ("LATASearchAndOrderType", order.LATASearchAndOrderType),
        ("TollFreeVanitySearchAndOrderType", order.TollFreeVanitySearchAndOrderType),
        ("TollFreeWildCharSearchAndOrderType", order.TollFreeWildCharSearchAndOrderType),
        ("CombinedSearchAndOrderType", order.CombinedSearchAndOrderType),
    ];

    private static IResult GetOrder(HttpContext context, string orderId, Simulation simulation, BandwidthStore store)
    {
        var owner = context.Caller().Account.Owner;
        return store.Find(owner, orderId, disconnect: false) is { } record && simulation.Orders.Find(owner, record.CoreId) is { } order
            ? BandwidthXml.Result(record.ToWire(order))
            : BandwidthErrors.Error(context, 404, "5035", $"New number order {orderId} not found on this account: use the id from the Location header of POST /orders.");
    }

    private static IResult ListOrders(HttpContext context, Simulation simulation, BandwidthStore store)
    {
        var query = context.Request.Query;
        var owner = context.Caller().Account.Owner;
        var size = 300;
        if (query.Param("size") is { } sizeText && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > 1000))
        {
            return BandwidthErrors.Status(context, 400, $"The size '{sizeText}' is invalid: pass a whole number from 1 to 1000.");
        }

        var status = query.Param("status")?.ToUpperInvariant();
        if (status is not (null or "RECEIVED" or "COMPLETE" or "PARTIAL" or "FAILED" or "BACKORDERED"))
        {
            return BandwidthErrors.Status(context, 400, $"The status '{query.Param("status")}' is invalid: pass RECEIVED, COMPLETE, PARTIAL, FAILED or BACKORDERED.");
        }

        var customerOrderId = query.Param("customerOrderId");
        var rows = store.List(owner, disconnect: false)
            .Select(r => (Record: r, Order: simulation.Orders.Find(owner, r.CoreId)))
            .Where(r => r.Order is not null)
            .Where(r => status is null || r.Order!.Status() == status)
            .Where(r => customerOrderId is null || string.Equals(r.Record.Order?.CustomerOrderId, customerOrderId, StringComparison.Ordinal))
            .ToList();
        var start = 0;
        if (query.Param("page") is { } page && page != "1")
        {
            start = rows.FindIndex(r => string.Equals(r.Record.Id, page, StringComparison.OrdinalIgnoreCase));
            if (start < 0)
            {
                return BandwidthErrors.NotFound(context, $"No order '{page}' starts a page: pass page=1, or the order id from the next link.");
            }
        }

        var slice = rows.Skip(start).Take(size).ToList();
        var url = RequestUrl(context);
        return BandwidthXml.Result(new ResponseSelectWrapper
        {
            ListOrderIdUserIdDate = new ListOrderIdUserIdDate
            {
                TotalCount = BandwidthXml.Int(rows.Count),
                Links = new Links
                {
                    First = $"Link=<{url}?page=1&size={size}>;rel=\"first\";",
                    Next = start + size < rows.Count ? $"Link=<{url}?page={rows[start + size].Record.Id}&size={size}>;rel=\"next\";" : null,
                },
                Orders = slice.Count > 0 ? [.. slice.Select(r => r.Record.ToListWire(r.Order!))] : null,
            },
        });
    }

    private static IResult Reserve(HttpContext context, string accountId, ReservationRequest request, Simulation simulation, BandwidthStore store)
    {
        if (request.ReservedTn is null)
        {
            return BandwidthErrors.Error(context, 400, "5044", "Reservation object is invalid: add <ReservedTn> with the ten-digit number, e.g. <Reservation><ReservedTn>4354770625</ReservedTn></Reservation>.");
        }

        if (BandwidthNumbers.Parse(request.ReservedTn) is not { } number)
        {
            return BandwidthErrors.Error(context, 400, "5045", $"Reservation request param is invalid: ReservedTn '{request.ReservedTn}' must be ten digits, e.g. 4354770625.");
        }

        if (simulation.Inventory.GetStatus(number).State == NumberState.NotInInventory)
        {
            return BandwidthErrors.Error(context, 400, "5040", $"Reservation failed: telephone number {BandwidthNumbers.Tn(number)} not found.");
        }

        var reservation = store.Reserve(context.Caller().Account.Owner, accountId, number);
        if (reservation is null)
        {
            return BandwidthErrors.Error(context, 400, "5041", $"Reservation failed: telephone number {BandwidthNumbers.Tn(number)} is not available.");
        }

        context.Response.Headers.Location = Location(context, reservation.Id);
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static IResult GetReservation(HttpContext context, string accountId, string reservationId, Simulation simulation, BandwidthStore store, bool delete)
    {
        var reservation = store.FindReservation(context.Caller().Account.Owner, reservationId);
        if (reservation is null)
        {
            return BandwidthErrors.Error(context, 404, "5042", $"Reservation {reservationId} for account {accountId} not found: it expired (reservations last 4 hours), was deleted, or belongs to another account.");
        }

        if (delete)
        {
            store.Unreserve(reservation);
        }

        // ReservationExpires: the seconds left (inferred; the spec's example is 1492).
        var left = Math.Max(0, (int)Math.Ceiling((reservation.ExpiresAt - simulation.Clock.GetUtcNow()).TotalSeconds));
        return BandwidthXml.Result(new ReservationResponse
        {
            Reservation = new ReservationWire
            {
                ReservationId = reservation.Id,
                AccountId = reservation.AccountId,
                ReservationExpires = BandwidthXml.Int(left),
                ReservedTn = BandwidthNumbers.Tn(reservation.Number),
            },
        });
    }

    private static IResult Disconnect(HttpContext context, DisconnectTelephoneNumberOrder request, Simulation simulation, BandwidthStore store)
    {
        var caller = context.Caller();
        var now = simulation.Clock.GetUtcNow();
        request.Id = null;
        request.OrderCreateDate = BandwidthXml.Time(now);
        IResult Reject(string code, string description, string? number = null) => BandwidthXml.Result(new DisconnectTelephoneNumberOrderResponse
        {
            ErrorList = [new BandwidthError { Code = code, Description = description, TelephoneNumber = number }],
            OrderRequest = request,
        }, StatusCodes.Status400BadRequest);

        if (request.CustomerOrderId is { } customerOrderId && !CustomerOrderId().IsMatch(customerOrderId))
        {
            return Reject("5052", "Customer order ID is invalid. Only alphanumeric values, dashes and spaces are allowed. Max length is 40 characters.");
        }

        var type = request.DisconnectTelephoneNumberOrderType;
        var listed = type?.TelephoneNumberList ?? [];
        if (type is null || listed.Count == 0)
        {
            return Reject("5073", "Telephone number is required: send <DisconnectTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>4158714245</TelephoneNumber></TelephoneNumberList></DisconnectTelephoneNumberOrderType>.");
        }

        type.DisconnectMode ??= "normal";
        type.Protected ??= "UNCHANGED";
        if (type.DisconnectMode is not ("normal" or "soft-remove" or "purge"))
        {
            return Reject("5084", $"DisconnectMode '{type.DisconnectMode}' is invalid. Valid values are: normal, soft-remove, purge");
        }

        if (type.Protected is not ("TRUE" or "FALSE" or "UNCHANGED"))
        {
            return Reject("5108", $"Protected attribute '{type.Protected}' is invalid. Valid values: TRUE, FALSE, UNCHANGED");
        }

        if (listed.Count > MaxNumbersPerOrder)
        {
            return Reject("5095", $"The count of telephone numbers in order exceeds the maximum size of {MaxNumbersPerOrder}: split the disconnect.");
        }

        var numbers = new List<PhoneNumber>();
        foreach (var text in listed)
        {
            if (BandwidthNumbers.Parse(text) is not { } number)
            {
                return Reject("5070", $"Telephone number is invalid: '{text}' must be ten digits, e.g. 4158714245.", text);
            }

            if (numbers.Contains(number))
            {
                return Reject("5093", $"Order cannot contain duplicate telephone numbers: list {text} once.", text);
            }

            numbers.Add(number);
        }

        var id = simulation.Ids.NextGuid("bandwidth-disconnect").ToString();
        request.Id = id;
        var record = new BandwidthOrderRecord
        {
            Id = id,
            Owner = caller.Account.Owner,
            AccountId = context.Request.RouteValues["accountId"] as string ?? "",
            User = caller.Key?.Key ?? UserOf(context),
            Disconnect = true,
            DisconnectOrder = request,
            Quantity = numbers.Count,
        };
        simulation.Orders.Place(new OrderRequest
        {
            Owner = caller.Account.Owner,
            Origin = BandwidthDialect.Id,
            IdPrefix = "bwd_",
            Numbers = numbers,
            Type = OrderType.Disconnect,
            PartialAllowed = true,
            Quarantine = true,
            Details = record,
        });
        context.Response.Headers.Location = Location(context, id);
        return BandwidthXml.Result(new DisconnectTelephoneNumberOrderResponse { OrderRequest = request, OrderStatus = "RECEIVED" }, StatusCodes.Status201Created);
    }

    private static IResult GetDisconnect(HttpContext context, string disconnectId, Simulation simulation, BandwidthStore store)
    {
        var owner = context.Caller().Account.Owner;
        return store.Find(owner, disconnectId, disconnect: true) is { } record && simulation.Orders.Find(owner, record.CoreId) is { } order
            ? BandwidthXml.Result(record.ToDisconnectWire(order))
            : BandwidthErrors.Error(context, 404, "5035", $"Disconnect order {disconnectId} not found on this account: use the id from the Location header of POST /disconnects.");
    }

    private static IResult InService(HttpContext context, Simulation simulation, BandwidthStore store)
    {
        var query = context.Request.Query;
        // numbers.yml: "404 Not Found - The search parameters are invalid and prevent finding any content".
        IResult Invalid(string message) => BandwidthErrors.NotFound(context, message);
        var page = 1;
        if (query.Param("page") is { } pageText && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return Invalid($"The page '{pageText}' is invalid: pass a page number from 1.");
        }

        var size = 300;
        if (query.Param("size") is { } sizeText && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > 5000))
        {
            return Invalid($"The size '{sizeText}' is invalid: pass a whole number from 1 to 5000.");
        }

        Npa? areaCode = null;
        if (query.Param("areacode") is { } areaText)
        {
            if (areaText.Length != 3 || !Npa.Parse(areaText).Success)
            {
                return Invalid($"The areacode '{areaText}' is invalid: pass 3 digits, e.g. 919.");
            }

            areaCode = Npa.Parse(areaText).Value;
        }

        NpaNxx? npaNxx = null;
        if (query.Param("npanxx") is { } npaNxxText)
        {
            if (npaNxxText.Length != 6 || !NpaNxx.Parse(npaNxxText).Success)
            {
                return Invalid($"The npanxx '{npaNxxText}' is invalid: pass 6 digits, e.g. 919439.");
            }

            npaNxx = NpaNxx.Parse(npaNxxText).Value;
        }

        Lata? lata = null;
        if (query.Param("lata") is { } lataText)
        {
            if (lataText.Length > 5 || !lataText.All(char.IsAsciiDigit) || !Lata.Parse(lataText).Success)
            {
                return Invalid($"The lata '{lataText}' is invalid: pass up to five digits, e.g. 426.");
            }

            lata = Lata.Parse(lataText).Value;
        }

        var state = query.Param("state")?.ToUpperInvariant();
        if (state is not null && (state.Length != 2 || !state.All(char.IsAsciiLetter)))
        {
            return Invalid($"The state '{state}' is invalid: pass a 2-letter abbreviation, e.g. NC.");
        }

        var rateCenter = query.Param("ratecenter")?.ToUpperInvariant();
        if (rateCenter is not null && state is null)
        {
            return Invalid("A ratecenter search needs state too, e.g. ratecenter=RALEIGH&state=NC.");
        }

        DateOnly? from = null, to = null;
        foreach (var (name, set) in new (string, Action<DateOnly>)[] { ("startdate", d => from = d), ("enddate", d => to = d) })
        {
            if (query.Param(name) is { } dateText)
            {
                if (!DateOnly.TryParseExact(dateText, ["yy-MM-dd", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return Invalid($"The {name} '{dateText}' is invalid: pass yy-mm-dd or yyyy-mm-dd, e.g. 24-01-31.");
                }

                set(date);
            }
        }

        var numbers = store.InService(context.Caller().Account.Owner).Where(n =>
        {
            var number = n.Number;
            var details = (areaCode ?? npaNxx ?? (object?)lata ?? state ?? rateCenter) is null ? null : simulation.Inventory.Describe(number);
            var since = DateOnly.FromDateTime(n.Since.UtcDateTime);
            return (areaCode is null || number.Npa == areaCode)
                && (npaNxx is null || number.NpaNxx == npaNxx)
                && (lata is null || details?.Lata == lata)
                && (state is null || string.Equals(details?.Region, state, StringComparison.OrdinalIgnoreCase))
                && (rateCenter is null || string.Equals(details?.RateCenter?.Name, rateCenter, StringComparison.OrdinalIgnoreCase))
                && (from is null || since >= from)
                && (to is null || since <= to);
        }).ToList();
        var slice = numbers.Skip((page - 1) * size).Take(size).ToList();
        if (slice.Count == 0)
        {
            return Results.NoContent();
        }

        var url = RequestUrl(context);
        return BandwidthXml.Result(new TNs
        {
            TotalCount = BandwidthXml.Int(numbers.Count),
            Links = new Links
            {
                First = $"Link=<{url}?page=1&size={size}>;rel=\"first\";",
                Next = page * size < numbers.Count ? $"Link=<{url}?page={page + 1}&size={size}>;rel=\"next\";" : null,
            },
            TelephoneNumbers = new TelephoneNumbers { Count = BandwidthXml.Int(slice.Count), Numbers = [.. slice.Select(n => BandwidthNumbers.Tn(n.Number))] },
        });
    }

    private static IResult IsInService(HttpContext context, string tn, BandwidthStore store)
    {
        var number = BandwidthNumbers.Parse(tn);
        return number is { } found && store.InService(context.Caller().Account.Owner).Any(n => n.Number == found)
            ? Results.Ok()
            : BandwidthErrors.NotFound(context, $"The telephone number {tn} is not in service on this account.");
    }

    /// <summary>The absolute URL of a created resource, under the prefix the request used.</summary>
    private static string Location(HttpContext context, string id) => $"{RequestUrl(context).TrimEnd('/')}/{id}";

    /// <summary>
    /// The request's absolute URL without its query, as the client wrote it: on a dialect's own port the
    /// host routes <c>/api/…</c> to <c>/bandwidth/api/…</c>, and links must keep the client's form.
    /// </summary>
    private static string RequestUrl(HttpContext context)
    {
        var raw = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
        var path = raw is ['/', ..] ? raw.Split('?')[0] : $"{context.Request.PathBase}{context.Request.Path}";
        return $"{context.Request.Scheme}://{context.Request.Host}{path}";
    }

    private static string UserOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            return text[..text.IndexOf(':', StringComparison.Ordinal)];
        }
        catch (FormatException)
        {
            return "";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9 -]{1,40}$")]
    private static partial Regex CustomerOrderId();
}
