using System.Text.Json;
using CarrierSim.Core.Accounts;
using CarrierSim.Server.Hosting;
using CarrierSim.Server.Http;
using Microsoft.Extensions.Options;

namespace CarrierSim.Server.Dialects.AgentMessage;

/// <summary>
/// A JSON object body checked field by field: type errors are collected per field for
/// VALIDATION_FAILED's <c>details</c>, so one answer lists every problem.
/// </summary>
internal sealed class RequestFields(IReadOnlyDictionary<string, JsonElement> body)
{
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => body.Keys;

    public bool IsPresent(string name) => body.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A string field; null when absent or JSON null (the vendor treats both as "not given").</summary>
    public string? String(string name, string example)
    {
        if (!body.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Errors[name] = $"must be a string, e.g. {example}";
            return null;
        }

        return value.GetString();
    }

    public int? Integer(string name, int min, int max, int fallback)
    {
        if (!body.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            Errors[name] = $"must be an integer from {min} to {max} (default {fallback})";
            return null;
        }

        return number;
    }

    /// <summary>An array of strings; null (with an error) when it is anything else.</summary>
    public List<string>? Strings(string name, string example)
    {
        if (!body.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            Errors[name] = $"must be an array of strings, e.g. {example}";
            return null;
        }

        return [.. value.EnumerateArray().Select(e => e.GetString()!)];
    }
}

/// <summary>Checking bodies' fields and the routing fields that orders and updates share.</summary>
internal static class AgentMessageRequests
{
    /// <summary>Label length. Inferred: the docs give no limit; 255 matches the Idempotency-Key limit they do give.</summary>
    public const int MaxLabelLength = 255;

    /// <summary>Callback URL length. Inferred: the common 2 KiB URL limit.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>
    /// Checks the fields of a body the platform read: a field the route does not accept is answered with
    /// 400 INVALID_INPUT (as updatePhoneNumber documents for "any other field"); an unreadable body never
    /// gets here (<see cref="AgentMessageDialect.Invalid"/> answers it).
    /// </summary>
    public static (RequestFields? Fields, IResult? Error) Fields(HttpContext context, FieldsBody body, IReadOnlyList<string> accepted)
    {
        var unknown = body.Keys.FirstOrDefault(k => !accepted.Contains(k, StringComparer.Ordinal));
        return unknown is null
            ? (new RequestFields(body), null)
            : (null, AgentMessageErrors.UnknownField(context, unknown, accepted));
    }

    public static bool AllowHttpCallbacks(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<CarrierSimOptions>>().Value.AllowHttpCallbacks;

    /// <summary>Why a callback URL is refused, or null when it is acceptable.</summary>
    public static string? UrlProblem(string url, bool allowHttpLoopback)
    {
        if (url.Length > MaxUrlLength)
        {
            return $"must be at most {MaxUrlLength} characters";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return "must be an absolute https:// URL, e.g. https://customer.example/inbound";
        }

        if (uri.Scheme == "https")
        {
            return null;
        }

        // The vendor requires https. CarrierSim:AllowHttpCallbacks relaxes that for loopback hosts only, so a
        // test can point callbacks at a local listener without a certificate.
        if (allowHttpLoopback && uri.Host is "localhost" or "127.0.0.1" or "[::1]")
        {
            return null;
        }

        return allowHttpLoopback
            ? "must use https:// (plain http:// is accepted only for localhost, 127.0.0.1 and [::1], because CarrierSim:AllowHttpCallbacks is on)"
            : "must use https://, e.g. https://customer.example/inbound";
    }

    public static string? LabelProblem(string label) =>
        label.Length > MaxLabelLength ? $"must be at most {MaxLabelLength} characters" : null;

    /// <summary>
    /// Checks a campaign_id against the organization (seed 001: it must exist in the organization, be ACTIVE
    /// and have a VERIFIED or VETTED_VERIFIED brand). Unknown → 404 NOT_FOUND (inferred: seed 001 lists
    /// NOT_FOUND among the order responses, and createCampaign answers 404 for another org's brand); not
    /// usable → VALIDATION_FAILED on campaign_id, answered by the caller with the other field errors.
    /// </summary>
    public static CampaignCheck CheckCampaign(Account account, string id)
    {
        if (id.Length == 0)
        {
            return new CampaignCheck(null, false, "must be a campaign id (UUID); omit the field to leave the number without a campaign");
        }

        if (account.FindCampaign(id) is not { } campaign)
        {
            return Guid.TryParseExact(id, "D", out _)
                ? new CampaignCheck(null, true, null)
                : new CampaignCheck(null, false, $"must be a campaign id (UUID), e.g. b5d3c4e2-7f7e-44a1-8c12-2bcd9e3f0a01; got '{id}'");
        }

        if (!campaign.Active)
        {
            return new CampaignCheck(campaign, false, "campaign must be ACTIVE; this campaign is not ACTIVE yet (wait for its approval or use an ACTIVE campaign)");
        }

        if (!campaign.AcceptsNumbers)
        {
            return new CampaignCheck(campaign, false,
                $"campaign brand must be VERIFIED or VETTED_VERIFIED; the brand of this campaign is {campaign.BrandStatus.ToWireName()}");
        }

        return new CampaignCheck(campaign, false, null);
    }

    public static IResult CampaignNotFound(HttpContext context, string id) =>
        AgentMessageErrors.NotFound(context,
            $"campaign_id {id} is not a campaign of your organization (CarrierSim campaigns are declared under CarrierSim:Accounts:<n>:Campaigns)");
}

/// <summary>The outcome of a campaign check: unknown, refused with a reason, or usable.</summary>
internal readonly record struct CampaignCheck(Campaign? Campaign, bool NotFound, string? Problem);
