using CarrierSim.Core.Accounts;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects.AgentMessage;

internal static class AgentMessageMapping
{
    /// <summary>The vendor's number_type values (listPhoneNumbers: <c>local|toll_free|short_code</c>).</summary>
    public static string ToWireName(this NumberType type) => type == NumberType.TollFree ? "toll_free" : "local";

    public static SearchResultWire ToSearchWire(this NumberDetails number) => new(number.Number.ToString(), number.Type.ToWireName());

    public static PhoneNumberWire ToWire(this AgentMessageNumber record)
    {
        lock (record)
        {
            // Inferred: every US local and toll-free number the vendor sells is text- and MMS-capable
            // (its examples show both true and it documents no per-number capability switch).
            return new PhoneNumberWire(
                record.Id.ToString("D"),
                record.Number.ToString(),
                record.Type.ToWireName(),
                record.InboundUrl,
                record.StatusUrl,
                record.Label,
                record.CampaignId,
                SmsEnabled: true,
                MmsEnabled: true,
                Formats.Seconds(record.CreatedAt),
                Formats.Seconds(record.UpdatedAt));
        }
    }

    /// <summary>The identity_status names of AgentMessage brands (vendor-apis.md §2.2).</summary>
    public static string ToWireName(this BrandStatus status) => status switch
    {
        BrandStatus.Verified => "VERIFIED",
        BrandStatus.VettedVerified => "VETTED_VERIFIED",
        BrandStatus.Unverified => "UNVERIFIED",
        _ => "FAILED",
    };
}
