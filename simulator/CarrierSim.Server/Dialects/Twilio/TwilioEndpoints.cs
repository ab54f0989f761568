using System.Globalization;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.Twilio;

/// <summary>Twilio's routes under <c>/2010-04-01/Accounts/{AccountSid}</c>. Operation ids (<c>twilio.createIncomingPhoneNumber</c>…) key chaos targeting and the journal.</summary>
internal static partial class TwilioEndpoints
{
    private const string Account = "/2010-04-01/Accounts/{AccountSid}";

    // The test credentials' magic inputs (twilio.com/docs/iam/test-credentials).
    private const string MagicAvailable = "+15005550006";
    private const string MagicUnavailable = "+15005550000";
    private const string MagicInvalid = "+15005550001";

    private static readonly Dictionary<string, string> CountryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = "United States", ["CA"] = "Canada", ["GB"] = "United Kingdom", ["IN"] = "India", ["DE"] = "Germany",
        ["FR"] = "France", ["AU"] = "Australia", ["IE"] = "Ireland", ["ES"] = "Spain", ["IT"] = "Italy", ["NL"] = "Netherlands",
        ["BR"] = "Brazil", ["MX"] = "Mexico", ["JP"] = "Japan", ["SE"] = "Sweden", ["PL"] = "Poland",
    };

    // Path names of the number types (the spec's sub-resources) and the catalog's types; the last three have no catalog numbers.
    private static readonly Dictionary<string, NumberType?> Types = new(StringComparer.Ordinal)
    {
        ["Local"] = NumberType.Local, ["TollFree"] = NumberType.TollFree, ["Mobile"] = NumberType.Mobile, ["National"] = NumberType.National,
        ["Voip"] = null, ["SharedCost"] = null, ["MachineToMachine"] = null,
    };

    private static readonly Dictionary<string, string> SubresourceNames = new(StringComparer.Ordinal)
    {
        ["Local"] = "local", ["TollFree"] = "toll_free", ["Mobile"] = "mobile", ["National"] = "national",
        ["Voip"] = "voip", ["SharedCost"] = "shared_cost", ["MachineToMachine"] = "machine_to_machine",
    };

    private static readonly string[] OwnedTypes = ["Local", "Mobile", "TollFree"];

    public static void Map(RouteGroupBuilder group, TwilioDialect dialect, Simulation simulation)
    {
        var store = dialect.Store;
        var places = dialect.Places;
        group.MapGet(Account + "/AvailablePhoneNumbers.json", (HttpContext context, string accountSid) => Countries(context, accountSid, places))
            .Operation("twilio.listAvailablePhoneNumberCountries", OperationKind.List)
            .Query("PageSize", "1 to 1000 (default 50)", "integer")
            .Query("Page", "the page index", "integer")
            .Produces<CountriesPageWire>();
        group.MapGet(Account + "/AvailablePhoneNumbers/{CountryCode}.json", (HttpContext context, string accountSid, string countryCode) =>
        {
            var country = countryCode.ToUpperInvariant();
            return places.Countries.Contains(country)
                ? WireJson.Result(Country(accountSid, country, places), TwilioDialect.JsonOptions)
                : TwilioErrors.NotFoundAt(TwilioDialect.TwilioPath(context));
        }).Operation("twilio.fetchAvailablePhoneNumberCountry", OperationKind.Get).Produces<CountryWire>();
        group.MapGet(Account + "/AvailablePhoneNumbers/{CountryCode}/{Type}.json", (HttpContext context, string countryCode, string type) =>
        {
            var country = countryCode.ToUpperInvariant();
            if (!places.Countries.Contains(country) || !Types.TryGetValue(type, out var numberType))
            {
                return TwilioErrors.NotFoundAt(TwilioDialect.TwilioPath(context));
            }

            // Voip, SharedCost and MachineToMachine: the catalog has none of these, so the answer is an empty list.
            return TwilioSearch.Run(context, simulation, places, country, numberType ?? NumberType.National, offered: numberType is not null);
        })
            .Operation("twilio.listAvailablePhoneNumbers", OperationKind.Search)
            .SearchParameters()
            .Produces<AvailableNumbersPageWire>();

        group.MapPost(Account + "/IncomingPhoneNumbers.json", (HttpContext context, string accountSid, Body<CreateNumberForm> body) => Create(context, accountSid, null, body.Value, simulation, store))
            .Operation(TwilioDialect.CreateOperation, OperationKind.Order)
            .Reads<CreateNumberForm>("application/x-www-form-urlencoded")
            .Produces<IncomingNumberWire>(StatusCodes.Status201Created)
            .Produces<ErrorWire>(StatusCodes.Status400BadRequest);
        group.MapGet(Account + "/IncomingPhoneNumbers.json", (HttpContext context, string accountSid) => List(context, accountSid, null, store))
            .Operation("twilio.listIncomingPhoneNumbers", OperationKind.List)
            .ListParameters()
            .Produces<IncomingNumbersPageWire>();
        foreach (var typeName in OwnedTypes)
        {
            var type = Types[typeName]!.Value;
            group.MapPost($"{Account}/IncomingPhoneNumbers/{typeName}.json", (HttpContext context, string accountSid, Body<CreateNumberForm> body) => Create(context, accountSid, type, body.Value, simulation, store))
                .Operation($"{TwilioDialect.CreateOperation}{typeName}", OperationKind.Order)
                .Reads<CreateNumberForm>("application/x-www-form-urlencoded")
                .Produces<IncomingNumberWire>(StatusCodes.Status201Created);
            group.MapGet($"{Account}/IncomingPhoneNumbers/{typeName}.json", (HttpContext context, string accountSid) => List(context, accountSid, type, store))
                .Operation($"twilio.listIncomingPhoneNumber{typeName}", OperationKind.List)
                .ListParameters()
                .Produces<IncomingNumbersPageWire>();
        }

        group.MapGet(Account + "/IncomingPhoneNumbers/{Sid}.json", (HttpContext context, string sid) =>
            store.Find(context.Caller().Account.Owner, sid) is { } record
                ? WireJson.Result(record.ToWire(), TwilioDialect.JsonOptions)
                : TwilioErrors.NotFoundAt(TwilioDialect.TwilioPath(context)))
            .Operation("twilio.fetchIncomingPhoneNumber", OperationKind.Get)
            .Produces<IncomingNumberWire>();
        group.MapPost(Account + "/IncomingPhoneNumbers/{Sid}.json", (HttpContext context, string accountSid, string sid, Body<UpdateNumberForm> body) => Update(context, accountSid, sid, body.Value, simulation, store))
            .Operation("twilio.updateIncomingPhoneNumber", OperationKind.Update)
            .Reads<UpdateNumberForm>("application/x-www-form-urlencoded")
            .Produces<IncomingNumberWire>();
        group.MapDelete(Account + "/IncomingPhoneNumbers/{Sid}.json", (HttpContext context, string sid) =>
        {
            if (store.Find(context.Caller().Account.Owner, sid) is not { } record)
            {
                return TwilioErrors.NotFoundAt(TwilioDialect.TwilioPath(context));
            }

            store.Release(record);
            return Results.NoContent();
        }).Operation("twilio.deleteIncomingPhoneNumber", OperationKind.Release).Produces(StatusCodes.Status204NoContent);

        // Twilio also serves XML (the default without a suffix); CarrierSim emulates the JSON representation only.
        group.Map("/2010-04-01/{**rest}", (HttpContext context, string rest) =>
        {
            var path = TwilioDialect.TwilioPath(context);
            return rest.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? TwilioErrors.NotFoundAt(path)
                : TwilioErrors.Error(406, TwilioErrors.CodeFor(406), $"CarrierSim serves Twilio's JSON representation only: request {JsonPath(path)} instead of {path}.");
        }).WithName(TwilioDialect.RepresentationOperation).ExcludeFromDescription();
    }

    private static string JsonPath(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot > 0 ? path[..^(name.Length - dot)] + ".json" : path + ".json";
    }

    private static RouteHandlerBuilder ListParameters(this RouteHandlerBuilder builder) => builder
        .Query("Beta", "true or false: numbers new to the platform", "boolean")
        .Query("FriendlyName", "the exact friendly name")
        .Query("PhoneNumber", "all or part of the number; * matches any digit")
        .Query("Origin", "twilio or hosted")
        .Query("PageSize", "1 to 1000 (default 50)", "integer")
        .Query("Page", "the page index", "integer")
        .Query("PageToken", "the token from next_page_uri");

    private static IResult Countries(HttpContext context, string accountSid, TwilioPlaces places)
    {
        var errors = new Dictionary<string, string>();
        var pageSize = context.Request.Query.Int("PageSize", 1, 1000, 50, errors) ?? 50;
        var page = context.Request.Query.Int("Page", 0, 100_000, 0, errors) ?? 0;
        if (errors.Count > 0)
        {
            return TwilioErrors.Invalid(string.Join(" ", errors.Select(e => $"{e.Key} {e.Value}.")));
        }

        var path = TwilioDialect.TwilioPath(context);
        var all = places.Countries.Select(c => Country(accountSid, c, places)).ToList();
        var slice = all.Skip(page * pageSize).Take(pageSize).ToList();
        var query = context.Request.Query;
        var start = page * pageSize;
        return WireJson.Result(new CountriesPageWire(
            slice,
            TwilioSearch.PageUri(path, query, null, null, null),
            TwilioSearch.PageUri(path, query, 0, pageSize, null),
            start + slice.Count < all.Count ? TwilioSearch.PageUri(path, query, page + 1, pageSize, null) : null,
            page > 0 ? TwilioSearch.PageUri(path, query, page - 1, pageSize, null) : null,
            page,
            pageSize,
            start,
            slice.Count == 0 ? start : start + slice.Count - 1), TwilioDialect.JsonOptions);
    }

    private static CountryWire Country(string accountSid, string country, TwilioPlaces places)
    {
        var root = $"/2010-04-01/Accounts/{accountSid}/AvailablePhoneNumbers/{country}";
        var subresources = Types
            .Where(t => t.Value is { } type && places.Offers(country, type))
            .ToDictionary(t => SubresourceNames[t.Key], t => $"{root}/{t.Key}.json");
        return new CountryWire(country, CountryNames.GetValueOrDefault(country, country), root + ".json", false, subresources);
    }

    private static IResult Create(HttpContext context, string accountSid, NumberType? typed, CreateNumberForm form, Simulation simulation, TwilioStore store)
    {
        var now = simulation.Clock.GetUtcNow();
        var phoneText = form.PhoneNumber?.Trim();
        var areaText = form.AreaCode?.Trim();
        if (typed is not null && !string.IsNullOrEmpty(areaText))
        {
            return TwilioErrors.Error(400, TwilioErrors.AreaCodeNotSupported, $"AreaCode Parameter not Supported: {TwilioDialect.TwilioPath(context)} takes a PhoneNumber only; send PhoneNumber, or POST the AreaCode to …/IncomingPhoneNumbers.json.");
        }

        if (string.IsNullOrEmpty(phoneText) && string.IsNullOrEmpty(areaText))
        {
            return TwilioErrors.Invalid("You must provide an AreaCode or a PhoneNumber: e.g. PhoneNumber=+19194601234 (from an AvailablePhoneNumbers search) or AreaCode=919.");
        }

        // The friendly name defaults to the number, which is only known once it is chosen.
        var settings = Settings(form, new NumberSettings { FriendlyName = "", DateUpdated = now }, out var invalid);
        if (settings is null)
        {
            return TwilioErrors.Invalid(invalid!);
        }

        if (context.Features.Get<TestCredentials>() is { } test)
        {
            return TestPurchase(test.AccountSid, phoneText, areaText, settings, typed, store, now);
        }

        PhoneNumber number;
        SearchCriteria? anyInArea = null;
        if (!string.IsNullOrEmpty(phoneText))
        {
            var parsed = PhoneNumber.Parse(phoneText);
            if (!parsed.Success)
            {
                return TwilioErrors.InvalidPhoneNumber(phoneText, parsed.Error + " Send it in E.164, e.g. PhoneNumber=+19194601234.");
            }

            number = parsed.Value;
            var details = simulation.Inventory.Describe(number);
            if (details is null)
            {
                return TwilioErrors.Unavailable(number.ToString(), "Twilio does not have it: buy a number from an AvailablePhoneNumbers search.");
            }

            if (typed is { } type && !(details.Type == type || (type == NumberType.Mobile && details.Type == NumberType.Local && details.Country == "US")))
            {
                return TwilioErrors.Invalid($"{number} is a {TwilioMapping.TypeName(details.Type)} number: POST it to …/IncomingPhoneNumbers.json or the sub-resource of its type.");
            }
        }
        else
        {
            var area = Npa.Parse(areaText);
            var known = area.Success && areaText!.Length == 3 ? simulation.Inventory.Catalog.FindAreaCode(area.Value) : null;
            if (known is null)
            {
                return TwilioErrors.Error(400, TwilioErrors.InvalidAreaCode, $"AreaCode '{areaText}' is not a valid area code: send a 3-digit US or Canadian area code in service, e.g. AreaCode=919.");
            }

            anyInArea = new SearchCriteria
            {
                AreaCode = area.Value,
                Type = NanpRules.IsTollFreeNpa(area.Value.Value) ? NumberType.TollFree : NumberType.Local,
                Quantity = 1,
            };
            var candidates = simulation.Inventory.Search(anyInArea);
            if (candidates.Count == 0)
            {
                return TwilioErrors.Error(400, TwilioErrors.NoNumbersInAreaCode, $"No phone numbers are available in area code {areaText}: try a nearby area code, or search AvailablePhoneNumbers with NearNumber.");
            }

            number = candidates[0].Number;
        }

        var owner = context.Caller().Account.Owner;
        var chaos = context.Chaos();
        var buy = (PhoneNumber chosen) => store.Purchase(owner, chosen, new PurchaseDetails(accountSid, settings with
        {
            FriendlyName = settings.FriendlyName.Length == 0 ? TwilioMapping.FriendlyName(chosen) : settings.FriendlyName,
        }), chaos);
        var (record, placed) = buy(number);

        // "Any number in this area code" is Twilio's choice, not the caller's: when a concurrent purchase took the
        // number it chose, it chooses again rather than failing the caller (each round at least one of the racing
        // purchases wins, so 20 rounds settle 20 concurrent purchases of one area code). A race staged by chaos still fails.
        for (var retry = 0; record is null && placed.Order is null && anyInArea is not null && !chaos.Race && retry < 20
             && placed.Rejected.Count > 0 && placed.Rejected[0].Reason is RejectionReason.Taken or RejectionReason.OwnedByAnotherAccount or RejectionReason.AlreadyOwned; retry++)
        {
            var next = simulation.Inventory.Search(anyInArea);
            if (next.Count == 0)
            {
                break;
            }

            number = next[0].Number;
            (record, placed) = buy(number);
        }

        if (record is not null)
        {
            return WireJson.Result(record.ToWire(), TwilioDialect.JsonOptions, statusCode: 201);
        }

        if (placed.Order is { } order)
        {
            // Synchronous: a purchase the carrier rejects fails here, and the account owns nothing.
            return TwilioErrors.Unavailable(number.ToString(), $"the carrier rejected it at fulfilment ({order.ErrorMessage ?? "no reason given"}); nothing was bought. Search again and buy another number.");
        }

        var reason = placed.Rejected.Count > 0 ? placed.Rejected[0].Reason : RejectionReason.NotInInventory;
        return reason == RejectionReason.AlreadyOwned
            ? TwilioErrors.Unavailable(number.ToString(), $"it is already on this account{(store.FindByNumber(owner, number) is { } mine ? $" as {mine.Sid}" : "")}.")
            : TwilioErrors.Unavailable(number.ToString(), "another account has it or it was released recently. Search AvailablePhoneNumbers again and buy a number from the fresh results.");
    }

    /// <summary>Test credentials: the magic inputs decide, and nothing is bought or stored.</summary>
    private static IResult TestPurchase(string accountSid, string? phoneText, string? areaText, NumberSettings settings, NumberType? typed, TwilioStore store, DateTimeOffset now)
    {
        string chosen;
        if (!string.IsNullOrEmpty(phoneText))
        {
            var parsed = PhoneNumber.Parse(phoneText);
            var text = parsed.Success ? parsed.Value.ToString() : phoneText;
            if (!parsed.Success || text == MagicInvalid)
            {
                return TwilioErrors.InvalidPhoneNumber(phoneText, "with test credentials, +15005550001 is always invalid.");
            }

            if (text != MagicAvailable)
            {
                return TwilioErrors.Unavailable(text, $"with test credentials only {MagicAvailable} can be bought ({MagicUnavailable} is always unavailable).");
            }

            chosen = text;
        }
        else if (areaText == "500")
        {
            chosen = MagicAvailable;
        }
        else
        {
            return TwilioErrors.Error(400, TwilioErrors.NoNumbersInAreaCode, $"No phone numbers are available in area code {areaText}: with test credentials, area code 500 has a number (533 never does).");
        }

        var number = PhoneNumber.Parse(chosen).Value;
        var record = new IncomingNumber
        {
            Sid = store.NewSid(),
            AccountSid = accountSid,
            Owner = default,
            Number = number,
            Country = "US",
            Type = typed ?? NumberType.Local,
            DateCreated = now,
            Settings = settings with { FriendlyName = settings.FriendlyName.Length == 0 ? TwilioMapping.FriendlyName(number) : settings.FriendlyName },
        };
        return WireJson.Result(record.ToWire(), TwilioDialect.JsonOptions, statusCode: 201);
    }

    private static IResult Update(HttpContext context, string accountSid, string sid, UpdateNumberForm form, Simulation simulation, TwilioStore store)
    {
        if (store.Find(context.Caller().Account.Owner, sid) is not { } record)
        {
            return TwilioErrors.NotFoundAt(TwilioDialect.TwilioPath(context));
        }

        if (form.AccountSid is { Length: > 0 } target && !string.Equals(target, accountSid, StringComparison.OrdinalIgnoreCase))
        {
            return TwilioErrors.Invalid($"AccountSid {target}: moving a number to another account is not emulated by CarrierSim; release it and buy it with the other account.");
        }

        lock (record)
        {
            var settings = Settings(form, record.Settings with { DateUpdated = simulation.Clock.GetUtcNow() }, out var invalid);
            if (settings is null)
            {
                return TwilioErrors.Invalid(invalid!);
            }

            record.Settings = settings;
        }

        return WireJson.Result(record.ToWire(), TwilioDialect.JsonOptions);
    }

    private static IResult List(HttpContext context, string accountSid, NumberType? typed, TwilioStore store)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string>();
        var pageSize = query.Int("PageSize", 1, 1000, 50, errors) ?? 50;
        var page = query.Int("Page", 0, 100_000, 0, errors) ?? 0;
        bool? beta = null;
        if (query.Param("Beta") is { } betaText)
        {
            if (bool.TryParse(betaText, out var flag))
            {
                beta = flag;
            }
            else
            {
                errors["Beta"] = "must be true or false";
            }
        }

        var origin = query.Param("Origin");
        if (origin is not (null or "twilio" or "hosted"))
        {
            errors["Origin"] = "must be twilio or hosted";
        }

        Regex? numberPattern = null;
        if (query.Param("PhoneNumber") is { } numberText)
        {
            var digits = string.Concat(numberText.Where(c => char.IsAsciiDigit(c) || c == '*'));
            if (digits.Length == 0)
            {
                errors["PhoneNumber"] = "must hold digits, with * for any digit, e.g. PhoneNumber=919*";
            }
            else
            {
                numberPattern = new Regex(digits.Replace("*", @"\d", StringComparison.Ordinal), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
        }

        if (errors.Count > 0)
        {
            return TwilioErrors.Invalid(string.Join(" ", errors.Select(e => $"{e.Key} {e.Value}.")));
        }

        var friendlyName = query.Param("FriendlyName");
        var all = store.List(context.Caller().Account.Owner)
            .Where(r => typed is null || r.Type == typed)
            .Where(r => friendlyName is null || r.Settings.FriendlyName == friendlyName)
            .Where(r => numberPattern is null || numberPattern.IsMatch(r.Number.Digits.ToString(CultureInfo.InvariantCulture)))
            .Where(r => origin is null or "twilio")
            .Where(r => beta is not false || !NumberTraits.Of(r.Country, r.Type).Beta)
            .ToList();

        var start = page * pageSize;
        if (query.Param("PageToken") is { } token)
        {
            var index = token.StartsWith("PA", StringComparison.Ordinal) ? all.FindIndex(r => r.Sid == token[2..]) : -1;
            if (index < 0)
            {
                return TwilioErrors.Invalid($"PageToken '{token}' is not one this list gave out: follow next_page_uri as returned.");
            }

            start = index + 1;
        }

        var slice = all.Skip(start).Take(pageSize).ToList();
        var path = TwilioDialect.TwilioPath(context);
        return WireJson.Result(new IncomingNumbersPageWire(
            [.. slice.Select(r => r.ToWire())],
            TwilioSearch.PageUri(path, query, null, null, null),
            TwilioSearch.PageUri(path, query, 0, pageSize, null),
            start + slice.Count < all.Count && slice.Count > 0 ? TwilioSearch.PageUri(path, query, page + 1, pageSize, "PA" + slice[^1].Sid) : null,
            page > 0 ? TwilioSearch.PageUri(path, query, page - 1, pageSize, null) : null,
            page,
            pageSize,
            start,
            slice.Count == 0 ? start : start + slice.Count - 1), TwilioDialect.JsonOptions);
    }

    /// <summary>The form's settings over <paramref name="current"/>; null and a message saying how to fix the first bad field.</summary>
    private static NumberSettings? Settings(NumberSettingsForm form, NumberSettings current, out string? error)
    {
        error = null;
        var s = current;
        if (form.FriendlyName is { } friendly)
        {
            if (friendly.Length > 64)
            {
                error = $"FriendlyName is {friendly.Length} characters long; it may have at most 64.";
                return null;
            }

            s = s with { FriendlyName = friendly };
        }

        if (form.ApiVersion is { } version)
        {
            if (version is not ("2010-04-01" or "2008-08-01"))
            {
                error = $"ApiVersion '{version}' is not one Twilio has: use 2010-04-01 or 2008-08-01.";
                return null;
            }

            s = s with { ApiVersion = version };
        }

        string? Method(string name, string? value, ref string? problem)
        {
            if (value is null)
            {
                return null;
            }

            var upper = value.Trim().ToUpperInvariant();
            if (upper is "GET" or "POST")
            {
                return upper;
            }

            problem ??= $"{name} '{value}' must be GET or POST.";
            return null;
        }

        string? Url(string name, string? value, ref string? problem)
        {
            if (value is null || value.Length == 0)
            {
                return value;
            }

            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return value;
            }

            problem ??= $"{name} '{value}' must be an absolute http or https URL, e.g. https://example.com/voice, or empty to clear it.";
            return null;
        }

        string? Sid(string name, string? value, string prefix, ref string? problem)
        {
            if (value is null || value.Length == 0 || SidPattern().IsMatch(value) && value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return value;
            }

            problem ??= $"{name} '{value}' must be a {prefix} SID: {prefix} and 32 hex digits, or empty to clear it.";
            return null;
        }

        s = s with
        {
            SmsMethod = Method("SmsMethod", form.SmsMethod, ref error) ?? s.SmsMethod,
            SmsFallbackMethod = Method("SmsFallbackMethod", form.SmsFallbackMethod, ref error) ?? s.SmsFallbackMethod,
            VoiceMethod = Method("VoiceMethod", form.VoiceMethod, ref error) ?? s.VoiceMethod,
            VoiceFallbackMethod = Method("VoiceFallbackMethod", form.VoiceFallbackMethod, ref error) ?? s.VoiceFallbackMethod,
            StatusCallbackMethod = Method("StatusCallbackMethod", form.StatusCallbackMethod, ref error) ?? s.StatusCallbackMethod,
            SmsUrl = Url("SmsUrl", form.SmsUrl, ref error) ?? s.SmsUrl,
            SmsFallbackUrl = Url("SmsFallbackUrl", form.SmsFallbackUrl, ref error) ?? s.SmsFallbackUrl,
            VoiceUrl = Url("VoiceUrl", form.VoiceUrl, ref error) ?? s.VoiceUrl,
            VoiceFallbackUrl = Url("VoiceFallbackUrl", form.VoiceFallbackUrl, ref error) ?? s.VoiceFallbackUrl,
            StatusCallback = Url("StatusCallback", form.StatusCallback, ref error) ?? s.StatusCallback,
            SmsApplicationSid = Cleared(Sid("SmsApplicationSid", form.SmsApplicationSid, "AP", ref error), s.SmsApplicationSid),
            VoiceApplicationSid = Cleared(Sid("VoiceApplicationSid", form.VoiceApplicationSid, "AP", ref error), s.VoiceApplicationSid),
            TrunkSid = Cleared(Sid("TrunkSid", form.TrunkSid, "TK", ref error), s.TrunkSid),
            IdentitySid = Cleared(Sid("IdentitySid", form.IdentitySid, "RI", ref error), s.IdentitySid),
            AddressSid = Cleared(Sid("AddressSid", form.AddressSid, "AD", ref error), s.AddressSid),
            EmergencyAddressSid = Cleared(Sid("EmergencyAddressSid", form.EmergencyAddressSid, "AD", ref error), s.EmergencyAddressSid),
            BundleSid = Cleared(Sid("BundleSid", form.BundleSid, "BU", ref error), s.BundleSid),
        };

        if (form.VoiceCallerIdLookup is { } lookup)
        {
            if (bool.TryParse(lookup, out var flag))
            {
                s = s with { VoiceCallerIdLookup = flag };
            }
            else
            {
                error ??= $"VoiceCallerIdLookup '{lookup}' must be true or false.";
            }
        }

        if (form.EmergencyStatus is { } emergency)
        {
            if (emergency is "Active" or "Inactive")
            {
                s = s with { EmergencyStatus = emergency };
            }
            else
            {
                error ??= $"EmergencyStatus '{emergency}' must be Active or Inactive.";
            }
        }

        if (form.VoiceReceiveMode is { } mode)
        {
            if (mode is "voice" or "fax")
            {
                s = s with { VoiceReceiveMode = mode };
            }
            else
            {
                error ??= $"VoiceReceiveMode '{mode}' must be voice or fax.";
            }
        }

        return error is null ? s : null;
    }

    // An empty value clears a SID; an absent one keeps it.
    private static string? Cleared(string? sent, string? current) => sent is null ? current : sent.Length == 0 ? null : sent;

    [GeneratedRegex("^[A-Z]{2}[0-9a-fA-F]{32}$")]
    private static partial Regex SidPattern();
}
