using System.Globalization;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Core.Orders;

namespace CarrierSim.Server.Dialects.Telnyx;

internal static class TelnyxMapping
{
    /// <summary>Every feature filter value the spec lists.</summary>
    public static readonly string[] FeatureNames = ["sms", "mms", "voice", "fax", "emergency", "hd_voice", "international_sms", "local_calling"];

    /// <summary>Telnyx's type names (<c>toll_free</c> with an underscore).</summary>
    public static string TypeName(NumberType type) => type switch
    {
        NumberType.TollFree => "toll_free",
        NumberType.Mobile => "mobile",
        NumberType.National => "national",
        _ => "local",
    };

    /// <summary>Inferred: what a number of this kind supports; US/CA local numbers support everything.</summary>
    public static IReadOnlyList<string> Features(NumberDetails number) => (number.Number.IsNanp, number.Type) switch
    {
        (true, NumberType.TollFree) => ["sms", "mms", "voice", "fax", "hd_voice"],
        (true, _) => ["sms", "mms", "voice", "fax", "emergency", "hd_voice", "international_sms", "local_calling"],
        (false, NumberType.Mobile) => ["sms", "voice"],
        _ => ["voice", "fax"],
    };

    /// <summary>Inferred: NANP numbers can be reserved; international ranges cannot.</summary>
    public static bool Reservable(NumberDetails number) => number.Number.IsNanp;

    /// <summary>Inferred: quickship is a +1 toll-free property (spec), so every +1 toll-free number has it.</summary>
    public static bool Quickship(NumberDetails number) => number.Number.IsNanp && number.Type == NumberType.TollFree;

    public static AvailableNumberWire ToWire(this NumberDetails number, bool bestEffort)
    {
        var regions = new List<RegionWire> { new("country_code", number.Country) };
        if (number.Number.IsNanp && number.Type != NumberType.TollFree)
        {
            if (number.Region.Length > 0)
            {
                regions.Add(new RegionWire("state", number.Region));
            }

            if (number.RateCenter is { } rateCenter)
            {
                regions.Add(new RegionWire("rate_center", rateCenter.Name));
            }
        }
        else if (!number.Number.IsNanp && number.Locality.Length > 0)
        {
            regions.Add(new RegionWire("location", number.Locality));
        }

        // Inferred prices in USD, as strings with two decimals like the spec's example.
        var (upfront, monthly) = (number.Number.IsNanp, number.Type) switch
        {
            (true, NumberType.TollFree) => ("1.00", "2.00"),
            (true, _) => ("1.00", "1.00"),
            (false, NumberType.Mobile) => ("3.00", "3.00"),
            _ => ("1.00", "2.00"),
        };
        return new AvailableNumberWire(
            "available_phone_number",
            number.Number.ToString(),
            "",
            bestEffort,
            Quickship(number),
            Reservable(number),
            regions,
            new CostWire(upfront, monthly, "USD"),
            [.. Features(number).Select(f => new FeatureWire(f))]);
    }

    /// <summary>pending while the order is pending; then success (all numbers assigned) or failure (inferred for partial fills).</summary>
    public static string StatusOf(Order order) => order.Status switch
    {
        OrderStatus.Pending => "pending",
        OrderStatus.Complete => "success",
        _ => "failure",
    };

    public static NumberOrderWire ToWire(this NumberOrder record, Func<PhoneNumber, NumberDetails?> describe)
    {
        var order = record.Order;
        lock (order)
        {
            return new NumberOrderWire(
                record.Id,
                "number_order",
                record.Numbers.Count,
                StatusOf(order),
                true,
                [],
                [.. record.Numbers.Select(n => PhoneNumberOf(record, n.Id, n.Number, describe(n.Number)))],
                record.Details.CustomerReference,
                record.Details.ConnectionId,
                record.Details.MessagingProfileId,
                record.Details.BillingGroupId,
                Micros(order.CreatedAt),
                Micros(order.UpdatedAt));
        }
    }

    private static NumberOrderPhoneNumberWire PhoneNumberOf(NumberOrder record, string id, PhoneNumber number, NumberDetails? details)
    {
        var order = record.Order;
        // Numbers that could not be had at placement fail at once; the others follow the order.
        var status = order.Rejected.Contains(number) ? "failure"
            : order.Status == OrderStatus.Pending ? "pending"
            : order.Completed.Contains(number) ? "success"
            : "failure";
        return new NumberOrderPhoneNumberWire(
            id,
            "number_order_phone_number",
            number.ToString(),
            TypeName(details?.Type ?? NumberType.Local),
            "+" + number.CountryCallingCode.ToString(CultureInfo.InvariantCulture),
            details?.Country ?? "US",
            record.Details.Bundles.GetValueOrDefault(number),
            [],
            true,
            "approved",
            status);
    }

    public static NumberReservationWire ToWire(this NumberReservation reservation)
    {
        lock (reservation)
        {
            return new NumberReservationWire(
                reservation.Id,
                "number_reservation",
                reservation.Status,
                reservation.CustomerReference,
                [.. reservation.Numbers.Select(n => new ReservedPhoneNumberWire(
                    n.Id,
                    "reserved_phone_number",
                    n.Number.ToString(),
                    n.Status,
                    n.Error,
                    n.ExpiresAt is { } at ? Micros(at) : null,
                    Micros(n.CreatedAt),
                    Micros(n.UpdatedAt)))],
                [.. reservation.Numbers.Where(n => n.Error is not null).Select(n => $"{n.Number}: {n.Error}")],
                Micros(reservation.CreatedAt),
                Micros(reservation.UpdatedAt));
        }
    }

    public static PhoneNumberWire ToWire(this TelnyxPhoneNumber number)
    {
        lock (number)
        {
            return new PhoneNumberWire(
                number.Id,
                "phone_number",
                number.Number.ToString(),
                number.Status,
                [.. number.Tags],
                number.ExternalPin,
                number.ConnectionId,
                null,
                number.CustomerReference,
                number.MessagingProfileId,
                null,
                number.BillingGroupId,
                EmergencyEnabled: false,
                EmergencyAddressId: null,
                CallForwardingEnabled: true,
                CnamListingEnabled: false,
                CallerIdNameEnabled: false,
                CallRecordingEnabled: false,
                T38FaxGatewayEnabled: false,
                number.HdVoiceEnabled,
                TypeName(number.Type),
                number.Country,
                DeletionLockEnabled: false,
                "number_order",
                Millis(number.CreatedAt),
                Millis(number.CreatedAt),
                Millis(number.UpdatedAt));
        }
    }

    /// <summary>Orders and reservations: microseconds, as the spec's examples (2018-01-01T00:00:00.000000Z).</summary>
    public static string Micros(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Phone numbers: milliseconds, as the spec's examples (2019-10-23T18:10:00.000Z).</summary>
    public static string Millis(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
