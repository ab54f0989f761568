using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Telnyx;

/// <summary>Telnyx's routes. Operation ids (<c>telnyx.createNumberOrder</c>…) key chaos targeting and the journal.</summary>
internal static partial class TelnyxEndpoints
{
    private const int MaxNumbersPerRequest = 100;

    // Every filter the spec lists for GET /available_phone_numbers, plus the names the Telnyx.net SDK
    // still sends (filter[number_type], filter[features][], filter[exclude_regulatory_requirements]).
    private static readonly string[] SearchFilters =
    [
        "filter[country_code]", "filter[phone_number][starts_with]", "filter[phone_number][ends_with]", "filter[phone_number][contains]",
        "filter[locality]", "filter[administrative_area]", "filter[national_destination_code]", "filter[rate_center]",
        "filter[phone_number_type]", "filter[number_type]", "filter[features]", "filter[features][]", "filter[limit]",
        "filter[best_effort]", "filter[quickship]", "filter[reservable]", "filter[exclude_held_numbers]", "filter[exclude_regulatory_requirements]",
    ];

    private static readonly string[] NumberStatuses = ["purchase-pending", "purchase-failed", "active", "deleted"];

    public static void Map(RouteGroupBuilder group, TelnyxDialect dialect)
    {
        var simulation = dialect.Simulation;
        var store = dialect.Store;
        group.MapGet("/v2/available_phone_numbers", (HttpContext context) => Search(context, simulation))
            .Operation("telnyx.listAvailablePhoneNumbers", OperationKind.Search)
            .Query("filter[country_code]", "ISO 3166 alpha-2 country (default US)")
            .Query("filter[phone_number][starts_with]", "digits the national number starts with (after the NDC when filter[national_destination_code] is given)")
            .Query("filter[phone_number][ends_with]", "digits the number ends with")
            .Query("filter[phone_number][contains]", "digits the national number contains")
            .Query("filter[locality]", "city, e.g. Chicago")
            .Query("filter[administrative_area]", "US state or CA province, e.g. IL")
            .Query("filter[national_destination_code]", "area code, e.g. 312")
            .Query("filter[rate_center]", "rate center (US/CA), e.g. CHICAGO ZONE 11")
            .Query("filter[phone_number_type]", "local, toll_free, mobile, national or shared_cost")
            .Query("filter[features]", "sms, mms, voice, fax, emergency, hd_voice, international_sms, local_calling (repeat or comma-separate)")
            .Query("filter[limit]", "how many numbers, 1 to 100 (default 50)", "integer")
            .Query("filter[best_effort]", "true: add near matches when exact ones run short (US/CA)", "boolean")
            .Query("filter[quickship]", "true: only quickship (+1 toll-free) numbers", "boolean")
            .Query("filter[reservable]", "true: only numbers that can be reserved", "boolean")
            .Query("filter[exclude_held_numbers]", "true: leave out numbers held for you", "boolean")
            .Produces<AvailableNumbersWire>();

        group.MapPost("/v2/number_orders", (HttpContext context, Body<CreateNumberOrderRequest> body) => CreateOrder(context, body.Value, simulation, store))
            .Operation("telnyx.createNumberOrder", OperationKind.Order)
            .Reads<CreateNumberOrderRequest>()
            .Produces<DataWire<NumberOrderWire>>()
            .Produces<ErrorsWire>(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/v2/number_orders", (HttpContext context) => ListOrders(context, simulation, store))
            .Operation("telnyx.listNumberOrders", OperationKind.List)
            .Query("page[number]", "page, from 1 (default 1)", "integer")
            .Query("page[size]", "page size, 1 to 250 (default 20)", "integer")
            .Query("filter[status]", "pending, success or failure")
            .Query("filter[customer_reference]", "the order's customer_reference")
            .Produces<PageWire<NumberOrderWire>>();
        group.MapGet("/v2/number_orders/{id}", (HttpContext context, string id) => GetOrder(context, id, simulation, store))
            .Operation("telnyx.getNumberOrder", OperationKind.Get)
            .Produces<DataWire<NumberOrderWire>>();

        group.MapPost("/v2/number_reservations", (HttpContext context, Body<CreateNumberReservationRequest> body) => CreateReservation(context, body.Value, simulation, store))
            .Operation("telnyx.createNumberReservation", OperationKind.Other)
            .Reads<CreateNumberReservationRequest>()
            .Produces<DataWire<NumberReservationWire>>()
            .Produces<ErrorsWire>(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/v2/number_reservations", (HttpContext context) => ListReservations(context, store))
            .Operation("telnyx.listNumberReservations", OperationKind.List)
            .Query("page[number]", "page, from 1 (default 1)", "integer")
            .Query("page[size]", "page size, 1 to 250 (default 20)", "integer")
            .Query("filter[status]", "pending, success or failure")
            .Query("filter[customer_reference]", "the reservation's customer_reference")
            .Query("filter[phone_numbers.phone_number]", "an E.164 number the reservation holds")
            .Produces<PageWire<NumberReservationWire>>();
        group.MapGet("/v2/number_reservations/{id}", (HttpContext context, string id) =>
                WithReservation(context, id, store, r => WireJson.Result(new DataWire<NumberReservationWire>(r.ToWire()), TelnyxDialect.JsonOptions)))
            .Operation("telnyx.getNumberReservation", OperationKind.Get)
            .Produces<DataWire<NumberReservationWire>>();
        group.MapPost("/v2/number_reservations/{id}/actions/extend", (HttpContext context, string id) =>
                WithReservation(context, id, store, r => Extend(r, simulation)))
            .Operation("telnyx.extendNumberReservation", OperationKind.Other)
            .Produces<DataWire<NumberReservationWire>>();

        group.MapGet("/v2/phone_numbers", (HttpContext context) => ListNumbers(context, store))
            .Operation("telnyx.listPhoneNumbers", OperationKind.List)
            .Query("page[number]", "page, from 1 (default 1)", "integer")
            .Query("page[size]", "page size, 1 to 250 (default 20)", "integer")
            .Query("filter[status]", "purchase-pending, purchase-failed, active or deleted")
            .Query("filter[phone_number]", "3 or more digits the number contains")
            .Query("filter[country_iso_alpha2]", "ISO 3166 alpha-2 country, e.g. US")
            .Query("filter[tag]", "a tag the number carries")
            .Query("filter[customer_reference]", "the number's customer_reference")
            .Query("filter[connection_id]", "the number's connection_id")
            .Query("filter[billing_group_id]", "the number's billing_group_id")
            .Query("filter[number_type][eq]", "local, toll_free, mobile or national")
            .Produces<PageWire<PhoneNumberWire>>();
        group.MapGet("/v2/phone_numbers/{id}", (HttpContext context, string id) =>
                WithNumber(context, id, store, n => WireJson.Result(new DataWire<PhoneNumberWire>(n.ToWire()), TelnyxDialect.JsonOptions)))
            .Operation("telnyx.getPhoneNumber", OperationKind.Get)
            .Produces<DataWire<PhoneNumberWire>>();
        group.MapPatch("/v2/phone_numbers/{id}", (HttpContext context, string id, Body<Dictionary<string, JsonElement>> body) =>
                WithNumber(context, id, store, n => Update(n, body.Value, simulation)))
            .Operation("telnyx.updatePhoneNumber", OperationKind.Update)
            .Reads<UpdatePhoneNumberRequest>()
            .Produces<DataWire<PhoneNumberWire>>();
        group.MapDelete("/v2/phone_numbers/{id}", (HttpContext context, string id) =>
                WithNumber(context, id, store, n => Delete(context, n, simulation)))
            .Operation("telnyx.deletePhoneNumber", OperationKind.Release)
            .Produces<DataWire<PhoneNumberWire>>();
    }

    // ---- search ----

    private static IResult Search(HttpContext context, Simulation simulation)
    {
        var query = context.Request.Query;
        var unknown = query.Keys.Where(k => k.StartsWith("filter", StringComparison.Ordinal) && !SearchFilters.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            return TelnyxErrors.Parameter(unknown[0], $"{unknown[0]} is not a filter of available phone numbers: use {string.Join(", ", SearchFilters.Take(15))}.");
        }

        var country = (query.Param("filter[country_code]") ?? "US").ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetter))
        {
            return TelnyxErrors.Parameter("filter[country_code]", $"filter[country_code] must be an ISO 3166 alpha-2 country code such as US or GB; got '{country}'.");
        }

        string? Digits(string name, out IResult? error)
        {
            error = null;
            var text = query.Param(name);
            if (text is not null && (text.Length > 15 || !text.All(char.IsAsciiDigit)))
            {
                error = TelnyxErrors.Parameter(name, $"{name} must be 1 to 15 digits of the national number (no + or country code), e.g. 312; got '{text}'.");
            }

            return text;
        }

        var startsWith = Digits("filter[phone_number][starts_with]", out var bad);
        var endsWith = bad is null ? Digits("filter[phone_number][ends_with]", out bad) : null;
        var contains = bad is null ? Digits("filter[phone_number][contains]", out bad) : null;
        var ndc = bad is null ? Digits("filter[national_destination_code]", out bad) : null;
        if (bad is not null)
        {
            return bad;
        }

        var nanp = country is "US" or "CA";
        Npa? areaCode = null;
        if (ndc is not null && nanp)
        {
            var parsed = Npa.Parse(ndc);
            if (!parsed.Success)
            {
                return TelnyxErrors.Parameter("filter[national_destination_code]", $"filter[national_destination_code] must be a 3-digit area code from 200 to 999 for {country}, e.g. 312; got '{ndc}'.");
            }

            areaCode = parsed.Value;
        }

        // The spec: starts_with "excludes NDC if combined with the NDC filter", i.e. it continues after the area code.
        var prefix = ndc is not null && startsWith is not null ? ndc + startsWith : ndc is not null && !nanp ? ndc : startsWith;

        var state = query.Param("filter[administrative_area]")?.ToUpperInvariant();
        if (state is not null && (state.Length != 2 || !state.All(char.IsAsciiLetter)))
        {
            return TelnyxErrors.Parameter("filter[administrative_area]", $"filter[administrative_area] must be a 2-letter US state or CA province code, e.g. IL; got '{state}'.");
        }

        var typeText = query.Param("filter[phone_number_type]") ?? query.Param("filter[number_type]");
        NumberType? type = null;
        var sharedCost = false;
        switch (typeText?.ToLowerInvariant())
        {
            case null:
                break;
            case "local":
                type = NumberType.Local;
                break;
            case "toll_free" or "toll-free" or "tollfree":
                type = NumberType.TollFree;
                break;
            case "mobile":
                type = NumberType.Mobile;
                break;
            case "national":
                type = NumberType.National;
                break;
            case "shared_cost":
                sharedCost = true;
                break;
            default:
                return TelnyxErrors.Parameter("filter[phone_number_type]", $"filter[phone_number_type] must be local, toll_free, mobile, national or shared_cost; got '{typeText}'.");
        }

        var features = query["filter[features]"].Concat(query["filter[features][]"])
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(f => f.ToLowerInvariant()).Distinct().ToList();
        if (features.FirstOrDefault(f => !TelnyxMapping.FeatureNames.Contains(f)) is { } badFeature)
        {
            return TelnyxErrors.Parameter("filter[features]", $"filter[features] takes {string.Join(", ", TelnyxMapping.FeatureNames)}; got '{badFeature}'.");
        }

        var errors = new Dictionary<string, string>();
        var limit = query.Int("filter[limit]", 1, SearchCriteria.MaxQuantity, 50, errors) ?? 50;
        var bestEffort = Flag(query, "filter[best_effort]", errors);
        var quickship = Flag(query, "filter[quickship]", errors);
        var reservable = Flag(query, "filter[reservable]", errors);
        var excludeHeld = Flag(query, "filter[exclude_held_numbers]", errors);
        Flag(query, "filter[exclude_regulatory_requirements]", errors);
        if (errors.Count > 0)
        {
            var (name, reason) = errors.First();
            return TelnyxErrors.Parameter(name, $"{name} {reason}.");
        }

        if (quickship)
        {
            if (type is not (null or NumberType.TollFree) || sharedCost)
            {
                return TelnyxErrors.Parameter("filter[quickship]", "filter[quickship] applies to +1 toll-free numbers only: drop filter[phone_number_type] or set it to toll_free.");
            }

            type = NumberType.TollFree;
        }

        var locality = query.Param("filter[locality]");
        var rateCenter = query.Param("filter[rate_center]");
        if (rateCenter is not null && !nanp)
        {
            return TelnyxErrors.Parameter("filter[rate_center]", "filter[rate_center] applies to US and CA numbers only: set filter[country_code] to US or CA, or drop it.");
        }

        if (sharedCost || context.Chaos().Drought)
        {
            return WireJson.Result(new AvailableNumbersWire([], new SearchMetaWire(0, 0), new SearchMetaWire(0, 0)), TelnyxDialect.JsonOptions);
        }

        var owner = context.Caller().Account.Owner;
        var baseCriteria = new SearchCriteria
        {
            Country = country,
            Type = type,
            AreaCode = areaCode,
            StartsWith = prefix,
            EndsWith = endsWith,
            Contains = contains,
            State = state,
            Quantity = limit,
            IncludeHeldFor = excludeHeld ? null : owner,
        };

        bool Wanted(NumberDetails n) =>
            (!reservable || TelnyxMapping.Reservable(n)) && features.All(TelnyxMapping.Features(n).Contains);

        var found = new List<(NumberDetails Number, bool BestEffort)>();
        try
        {
            foreach (var criteria in Places(simulation.Inventory.Catalog, baseCriteria, locality, rateCenter))
            {
                found.AddRange(simulation.Inventory.Search(criteria with { Quantity = limit - found.Count }).Where(Wanted).Select(n => (n, false)));
                if (found.Count >= limit)
                {
                    break;
                }
            }

            // Best effort (US/CA): near matches from the same state or area code, without the locality, rate center or digit patterns.
            if (bestEffort && nanp && found.Count < limit && (locality ?? rateCenter ?? startsWith ?? endsWith ?? contains) is not null)
            {
                var near = baseCriteria with { StartsWith = nanp ? null : prefix, EndsWith = null, Contains = null, Quantity = SearchCriteria.MaxQuantity };
                var seen = found.Select(f => f.Number.Number).ToHashSet();
                found.AddRange(simulation.Inventory.Search(near).Where(n => !seen.Contains(n.Number) && Wanted(n)).Take(limit - found.Count).Select(n => (n, true)));
            }
        }
        catch (InvalidSearchException e)
        {
            return TelnyxErrors.Error(400, TelnyxErrors.BadRequest, string.Join(" ", e.Errors));
        }

        var data = found.Take(limit).Select(f => f.Number.ToWire(f.BestEffort)).ToList();
        var meta = new SearchMetaWire(data.Count, data.Count(d => d.BestEffort));
        return WireJson.Result(new AvailableNumbersWire(data, meta, meta), TelnyxDialect.JsonOptions);
    }

    /// <summary>
    /// The searches a locality or rate center stands for. Telnyx takes either without a state; the
    /// inventory needs one, so each state with such a place is searched in turn (in the catalog's order).
    /// </summary>
    private static IEnumerable<SearchCriteria> Places(NumberingCatalog catalog, SearchCriteria criteria, string? locality, string? rateCenter)
    {
        if (locality is null && rateCenter is null)
        {
            return [criteria];
        }

        var rateCenters = rateCenter is null
            ? null
            : catalog.RateCentersNamed(rateCenter, orFullName: true)
                .Where(r => criteria.State is null || string.Equals(r.State, criteria.State, StringComparison.OrdinalIgnoreCase))
                .Select(r => (r.Name, r.State)).Distinct().ToList();
        var localityStates = locality is null
            ? null
            : catalog.StatesOfLocality(locality)
                .Where(s => criteria.State is null || string.Equals(s, criteria.State, StringComparison.OrdinalIgnoreCase))
                .ToList();

        if (rateCenters is not null)
        {
            return rateCenters
                .Where(r => localityStates is null || localityStates.Contains(r.State.ToUpperInvariant()))
                .Select(r => criteria with { RateCenter = r.Name, State = r.State, City = locality });
        }

        return localityStates!.Order(StringComparer.Ordinal).Select(s => criteria with { City = locality, State = s });
    }

    private static bool Flag(IQueryCollection query, string name, Dictionary<string, string> errors)
    {
        switch (query.Param(name)?.ToLowerInvariant())
        {
            case null or "false":
                return false;
            case "true":
                return true;
            default:
                errors[name] = "must be true or false";
                return false;
        }
    }

    // ---- orders ----

    private static IResult CreateOrder(HttpContext context, CreateNumberOrderRequest request, Simulation simulation, TelnyxStore store)
    {
        if (!TryNumbers(request.PhoneNumbers?.Select(n => n?.PhoneNumber).ToList(), request.PhoneNumbers is null, out var numbers, out var error))
        {
            return error!;
        }

        var owner = context.Caller().Account.Owner;

        // A number nobody can sell you now is refused with the order; when at least one can be had the
        // order is placed, and the others fail on their own lines (the per-number outcome).
        var unavailable = numbers.Select((n, i) => (Number: n, Index: i, Status: simulation.Inventory.GetStatus(n)))
            .Where(x => !(x.Status.State == NumberState.Available || (x.Status.State == NumberState.Held && x.Status.Owner == owner)))
            .ToList();
        if (unavailable.Count == numbers.Count)
        {
            var (number, index, status) = unavailable[0];
            return TelnyxErrors.Field($"/phone_numbers/{index}/phone_number", $"{number} {Unavailable(status, owner)}: search again with GET /v2/available_phone_numbers and order a number from the fresh results.");
        }

        var bundles = request.PhoneNumbers!.Where(n => n is not null).Select((n, i) => (numbers[i], n!.BundleId)).ToDictionary(p => p.Item1, p => p.BundleId);
        var placed = simulation.Orders.Place(new OrderRequest
        {
            Owner = owner,
            Origin = TelnyxDialect.Id,
            IdPrefix = "tnxord_",
            Numbers = numbers,
            PartialAllowed = true,
            Chaos = context.Chaos(),
            Details = new NumberOrderDetails(request.CustomerReference, request.ConnectionId, request.MessagingProfileId, request.BillingGroupId, bundles),
        });
        var record = placed.Order is { } order ? store.OrderOf(owner, order.Id) : null;
        return record is null
            ? TelnyxErrors.Error(500, TelnyxErrors.Unexpected, "The order could not be recorded; retry the request.")
            : WireJson.Result(new DataWire<NumberOrderWire>(record.ToWire(simulation.Inventory.Describe)), TelnyxDialect.JsonOptions);
    }

    private static string Unavailable(NumberStatus status, OwnerId owner) => status.State switch
    {
        NumberState.Owned when status.Owner == owner => "is already on your account",
        NumberState.Held => "is already on hold (reserved by another customer)",
        NumberState.NotInInventory => "is not a number Telnyx offers",
        _ => "is no longer available",
    };

    private static IResult GetOrder(HttpContext context, string id, Simulation simulation, TelnyxStore store)
    {
        if (!Guid.TryParseExact(id, "D", out _))
        {
            return TelnyxErrors.BadId("number order", id, "a UUID, e.g. 12ade33a-21c0-473b-b055-b3c836e1c292");
        }

        var record = store.FindOrder(context.Caller().Account.Owner, id);
        return record is null
            ? TelnyxErrors.NotFoundId("number order", id)
            : WireJson.Result(new DataWire<NumberOrderWire>(record.ToWire(simulation.Inventory.Describe)), TelnyxDialect.JsonOptions);
    }

    private static IResult ListOrders(HttpContext context, Simulation simulation, TelnyxStore store)
    {
        var query = context.Request.Query;
        if (!TryPage(query, out var page, out var error))
        {
            return error!;
        }

        var status = query.Param("filter[status]");
        if (status is not (null or "pending" or "success" or "failure"))
        {
            return TelnyxErrors.Parameter("filter[status]", $"filter[status] must be pending, success or failure; got '{status}'.");
        }

        var reference = query.Param("filter[customer_reference]");
        var orders = store.Orders(context.Caller().Account.Owner)
            .Where(o => status is null || TelnyxMapping.StatusOf(o.Order) == status)
            .Where(o => reference is null || o.Details.CustomerReference == reference)
            .ToList();
        return Paginate(orders, page, o => o.ToWire(simulation.Inventory.Describe));
    }

    // ---- reservations ----

    private static IResult CreateReservation(HttpContext context, CreateNumberReservationRequest request, Simulation simulation, TelnyxStore store)
    {
        if (!TryNumbers(request.PhoneNumbers?.Select(n => n?.PhoneNumber).ToList(), request.PhoneNumbers is null, out var numbers, out var error))
        {
            return error!;
        }

        var owner = context.Caller().Account.Owner;
        var now = simulation.Clock.GetUtcNow();
        var until = now + TelnyxDialect.ReservationLifetime;
        var held = simulation.Inventory.Hold(numbers, owner, until, AcquireMode.Available);
        if (held.Acquired.Count == 0)
        {
            var first = held.Rejected[0];
            var index = numbers.IndexOf(first.Number);
            return TelnyxErrors.Field($"/phone_numbers/{index}/phone_number", $"{first.Number} {Why(first.Reason)}: search again with GET /v2/available_phone_numbers?filter[reservable]=true and reserve a number from the fresh results.");
        }

        var reasons = held.Rejected.ToDictionary(r => r.Number, r => Why(r.Reason));
        var reservation = new NumberReservation
        {
            Id = store.Uuid("telnyx.number_reservation"),
            Owner = owner,
            CustomerReference = request.CustomerReference,
            CreatedAt = now,
            UpdatedAt = now,
            Numbers = [.. numbers.Select(n => new ReservedNumber
            {
                Id = store.Uuid("telnyx.reserved_phone_number"),
                Number = n,
                Status = reasons.ContainsKey(n) ? "failure" : "success",
                Error = reasons.GetValueOrDefault(n) is { } why ? "Number " + why : null,
                ExpiresAt = reasons.ContainsKey(n) ? null : until,
                CreatedAt = now,
                UpdatedAt = now,
            })],
        };
        store.AddReservation(reservation);
        return WireJson.Result(new DataWire<NumberReservationWire>(reservation.ToWire()), TelnyxDialect.JsonOptions);
    }

    private static string Why(RejectionReason reason) => reason switch
    {
        RejectionReason.HeldForAnother => "is already on hold",
        RejectionReason.AlreadyOwned => "is already on your account",
        RejectionReason.NotInInventory => "is not a number Telnyx offers",
        _ => "is no longer available",
    };

    /// <summary>Holds the reservation's numbers for another 30 minutes from now; numbers lost since (expired and sold) stay expired.</summary>
    private static IResult Extend(NumberReservation reservation, Simulation simulation)
    {
        var now = simulation.Clock.GetUtcNow();
        var until = now + TelnyxDialect.ReservationLifetime;
        lock (reservation)
        {
            var live = reservation.Numbers.Where(n => n.Status == "success").ToList();
            var held = simulation.Inventory.Hold([.. live.Select(n => n.Number)], reservation.Owner, until, AcquireMode.Available).Acquired.ToHashSet();
            foreach (var number in live.Where(n => held.Contains(n.Number)))
            {
                number.ExpiresAt = until;
                number.UpdatedAt = now;
            }

            reservation.UpdatedAt = now;
        }

        return WireJson.Result(new DataWire<NumberReservationWire>(reservation.ToWire()), TelnyxDialect.JsonOptions);
    }

    private static IResult ListReservations(HttpContext context, TelnyxStore store)
    {
        var query = context.Request.Query;
        if (!TryPage(query, out var page, out var error))
        {
            return error!;
        }

        var status = query.Param("filter[status]");
        if (status is not (null or "pending" or "success" or "failure"))
        {
            return TelnyxErrors.Parameter("filter[status]", $"filter[status] must be pending, success or failure; got '{status}'.");
        }

        var reference = query.Param("filter[customer_reference]");
        PhoneNumber? number = null;
        if (query.Param("filter[phone_numbers.phone_number]") is { } numberText)
        {
            var parsed = PhoneNumber.Parse(numberText);
            if (!parsed.Success)
            {
                return TelnyxErrors.Error(400, TelnyxErrors.NotE164, $"filter[phone_numbers.phone_number] must be in +E.164 format, e.g. +13125550123: {parsed.Error}", new ErrorSourceWire(null, "filter[phone_numbers.phone_number]"));
            }

            number = parsed.Value;
        }

        var reservations = store.Reservations(context.Caller().Account.Owner)
            .Where(r => status is null || r.Status == status)
            .Where(r => reference is null || r.CustomerReference == reference)
            .Where(r => number is null || r.Numbers.Any(n => n.Number == number))
            .ToList();
        return Paginate(reservations, page, r => r.ToWire());
    }

    private static IResult WithReservation(HttpContext context, string id, TelnyxStore store, Func<NumberReservation, IResult> then)
    {
        if (!Guid.TryParseExact(id, "D", out _))
        {
            return TelnyxErrors.BadId("number reservation", id, "a UUID, e.g. 12ade33a-21c0-473b-b055-b3c836e1c292");
        }

        return store.FindReservation(context.Caller().Account.Owner, id) is { } reservation ? then(reservation) : TelnyxErrors.NotFoundId("number reservation", id);
    }

    // ---- phone numbers ----

    private static IResult ListNumbers(HttpContext context, TelnyxStore store)
    {
        var query = context.Request.Query;
        if (!TryPage(query, out var page, out var error))
        {
            return error!;
        }

        var status = query.Param("filter[status]");
        if (status is not null && !NumberStatuses.Contains(status))
        {
            return TelnyxErrors.Parameter("filter[status]", $"filter[status] must be one of {string.Join(", ", NumberStatuses)}; got '{status}'.");
        }

        var digits = query.Param("filter[phone_number]")?.TrimStart('+');
        if (digits is not null && (digits.Length < 3 || !digits.All(char.IsAsciiDigit)))
        {
            return TelnyxErrors.Parameter("filter[phone_number]", $"filter[phone_number] must be at least 3 digits of the number, e.g. 312555; got '{digits}'.");
        }

        var country = query.Param("filter[country_iso_alpha2]");
        var typeText = query.Param("filter[number_type][eq]");
        if (typeText is not (null or "local" or "toll_free" or "mobile" or "national"))
        {
            return TelnyxErrors.Parameter("filter[number_type][eq]", $"filter[number_type][eq] must be local, toll_free, mobile or national; got '{typeText}'.");
        }

        var tag = query.Param("filter[tag]");
        var reference = query.Param("filter[customer_reference]");
        var connection = query.Param("filter[connection_id]");
        var billing = query.Param("filter[billing_group_id]");
        var numbers = store.Numbers(context.Caller().Account.Owner)
            .Where(n => status is null ? n.Status != "deleted" : n.Status == status)
            .Where(n => digits is null || n.Number.ToString().Contains(digits, StringComparison.Ordinal))
            .Where(n => country is null || string.Equals(n.Country, country, StringComparison.OrdinalIgnoreCase))
            .Where(n => typeText is null || TelnyxMapping.TypeName(n.Type) == typeText)
            .Where(n => tag is null || n.Tags.Contains(tag))
            .Where(n => reference is null || n.CustomerReference == reference)
            .Where(n => connection is null || n.ConnectionId == connection)
            .Where(n => billing is null || n.BillingGroupId == billing)
            .ToList();
        return Paginate(numbers, page, n => n.ToWire());
    }

    private static IResult WithNumber(HttpContext context, string id, TelnyxStore store, Func<TelnyxPhoneNumber, IResult> then)
    {
        if (!NumericId().IsMatch(id))
        {
            return TelnyxErrors.BadId("phone number", id, "a string of digits, e.g. 1293384261075731499");
        }

        return store.FindNumber(context.Caller().Account.Owner, id) is { Status: not "deleted" } number ? then(number) : TelnyxErrors.NotFoundId("phone number", id);
    }

    private static IResult Update(TelnyxPhoneNumber number, Dictionary<string, JsonElement> fields, Simulation simulation)
    {
        // Validate everything first, then apply: a rejected update changes nothing.
        var changes = new List<Action>();
        foreach (var (field, value) in fields)
        {
            var kind = value.ValueKind;
            var text = kind == JsonValueKind.String ? value.GetString() : null;
            switch (field)
            {
                case "tags" when kind == JsonValueKind.Array && value.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String):
                    var tags = value.EnumerateArray().Select(t => t.GetString()!).Distinct().ToList();
                    changes.Add(() => number.Tags = tags);
                    break;
                case "tags":
                    return TelnyxErrors.Field("/tags", "tags must be an array of strings, e.g. [\"sales\"].");
                case "hd_voice_enabled" when kind is JsonValueKind.True or JsonValueKind.False:
                    var hd = value.GetBoolean();
                    changes.Add(() => number.HdVoiceEnabled = hd);
                    break;
                case "hd_voice_enabled":
                    return TelnyxErrors.Field("/hd_voice_enabled", "hd_voice_enabled must be true or false.");
                case "external_pin" or "customer_reference" or "connection_id" or "billing_group_id" or "address_id" when kind is JsonValueKind.String or JsonValueKind.Null:
                    changes.Add(field switch
                    {
                        "external_pin" => () => number.ExternalPin = text,
                        "customer_reference" => () => number.CustomerReference = text,
                        "connection_id" => () => number.ConnectionId = text,
                        "billing_group_id" => () => number.BillingGroupId = text,
                        _ => () => number.AddressId = text,
                    });
                    break;
                case "external_pin" or "customer_reference" or "connection_id" or "billing_group_id" or "address_id":
                    return TelnyxErrors.Field("/" + field, $"{field} must be a string or null.");
                default:
                    return TelnyxErrors.Field("/" + field, $"{field} is not a field of phone numbers that can be updated: send tags, external_pin, customer_reference, connection_id, billing_group_id, address_id or hd_voice_enabled.");
            }
        }

        lock (number)
        {
            changes.ForEach(apply => apply());
            number.UpdatedAt = simulation.Clock.GetUtcNow();
        }

        return WireJson.Result(new DataWire<PhoneNumberWire>(number.ToWire()), TelnyxDialect.JsonOptions);
    }

    /// <summary>A release is a disconnect order, settled at once; the number rests in quarantine before it is sold again.</summary>
    private static IResult Delete(HttpContext context, TelnyxPhoneNumber number, Simulation simulation)
    {
        if (number.Status != "active")
        {
            return TelnyxErrors.Error(422, TelnyxErrors.BadRequest,
                $"Phone number {number.Number} is {number.Status}: only active numbers can be deleted{(number.Status == "purchase-pending" ? "; wait for its number order to finish" : "")}.",
                new ErrorSourceWire(null, "id"));
        }

        var placed = simulation.Orders.Place(new OrderRequest
        {
            Owner = number.Owner,
            Origin = TelnyxDialect.Id,
            IdPrefix = "tnxdel_",
            Numbers = [number.Number],
            Type = OrderType.Disconnect,
            Immediate = true,
            Quarantine = true,
            Chaos = context.Chaos(),
        });
        return placed.Order is { } order && order.Completed.Contains(number.Number)
            ? WireJson.Result(new DataWire<PhoneNumberWire>(number.ToWire()), TelnyxDialect.JsonOptions)
            : TelnyxErrors.NotFoundId("phone number", number.Id);
    }

    // ---- shared ----

    /// <summary>Reads an order's or reservation's <c>phone_numbers</c>: 1 to 100 distinct +E.164 numbers.</summary>
    private static bool TryNumbers(List<string?>? texts, bool missing, out List<PhoneNumber> numbers, out IResult? error)
    {
        numbers = [];
        error = null;
        if (missing || texts is not { Count: > 0 })
        {
            error = TelnyxErrors.Field("/phone_numbers", "phone_numbers is required: a list of objects such as [{\"phone_number\": \"+13125550123\"}] from GET /v2/available_phone_numbers.", TelnyxErrors.MissingParameter);
            return false;
        }

        if (texts.Count > MaxNumbersPerRequest)
        {
            error = TelnyxErrors.Field("/phone_numbers", $"phone_numbers has {texts.Count} numbers; send at most {MaxNumbersPerRequest} per request.");
            return false;
        }

        for (var i = 0; i < texts.Count; i++)
        {
            var pointer = $"/phone_numbers/{i}/phone_number";
            if (texts[i] is not { Length: > 0 } text)
            {
                error = TelnyxErrors.Field(pointer, "phone_number is required in every entry, e.g. {\"phone_number\": \"+13125550123\"}.", TelnyxErrors.MissingParameter);
                return false;
            }

            var parsed = PhoneNumber.Parse(text);
            if (!text.StartsWith('+') || !parsed.Success)
            {
                error = TelnyxErrors.Field(pointer, $"'{text}' must be in +E.164 format, e.g. +13125550123{(parsed.Success ? "" : ": " + parsed.Error)}", TelnyxErrors.NotE164);
                return false;
            }

            if (numbers.Contains(parsed.Value))
            {
                error = TelnyxErrors.Field(pointer, $"{text} is listed twice; list each number once.");
                return false;
            }

            numbers.Add(parsed.Value);
        }

        return true;
    }

    private readonly record struct Page(int Number, int Size);

    private static bool TryPage(IQueryCollection query, out Page page, out IResult? error)
    {
        var errors = new Dictionary<string, string>();
        var number = query.Int("page[number]", 1, int.MaxValue, 1, errors, "must be an integer of at least 1 (default 1)");
        var size = query.Int("page[size]", 1, 250, 20, errors, "must be an integer from 1 to 250 (default 20)");
        page = new Page(number ?? 1, size ?? 20);
        error = errors.Count == 0 ? null : TelnyxErrors.Parameter(errors.First().Key, $"{errors.First().Key} {errors.First().Value}.");
        return error is null;
    }

    private static IResult Paginate<T, TWire>(List<T> items, Page page, Func<T, TWire> toWire)
    {
        var slice = items.Skip((int)Math.Min(int.MaxValue, (long)(page.Number - 1) * page.Size)).Take(page.Size).Select(toWire).ToList();
        var totalPages = (items.Count + page.Size - 1) / page.Size;
        return WireJson.Result(new PageWire<TWire>(slice, new PageMetaWire(page.Number, page.Size, totalPages, items.Count)), TelnyxDialect.JsonOptions);
    }

    [GeneratedRegex("^[0-9]{1,30}$")]
    private static partial Regex NumericId();
}
