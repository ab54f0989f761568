using CarrierSim.Core.Numbering;

namespace CarrierSim.Core.Inventory;

/// <summary>
/// What a search asks for. Every filter given narrows the result; patterns apply to the
/// national number's digits (ten digits in the NANP, e.g. 9194601234).
/// </summary>
public sealed record SearchCriteria
{
    public const int MaxQuantity = 100;

    /// <summary>ISO 3166 alpha-2 country; defaults to US.</summary>
    public string Country { get; init; } = "US";

    /// <summary>Number type; null means any type the other filters allow.</summary>
    public NumberType? Type { get; init; }

    public Npa? AreaCode { get; init; }

    public NpaNxx? NpaNxx { get; init; }

    /// <summary>A thousands-block: NPA-NXX plus the first line digit, e.g. 9194601.</summary>
    public int? NpaNxxX { get; init; }

    public ZipCode? Zip { get; init; }

    /// <summary>A rate center abbreviation; requires <see cref="State"/>.</summary>
    public string? RateCenter { get; init; }

    public Lata? Lata { get; init; }

    /// <summary>Two-letter state (or province) code.</summary>
    public string? State { get; init; }

    /// <summary>A locality name; requires <see cref="State"/>.</summary>
    public string? City { get; init; }

    public string? StartsWith { get; init; }

    public string? Contains { get; init; }

    public string? EndsWith { get; init; }

    public int Quantity { get; init; } = 10;

    /// <summary>
    /// Numbers held for this owner count as available (a reservation's owner still finds its
    /// numbers); numbers held for anyone else never do. Null: every held number is hidden.
    /// </summary>
    public OwnerId? IncludeHeldFor { get; init; }

    /// <summary>Problems that make these criteria unusable, each saying how to fix it.</summary>
    public IReadOnlyList<string> Validate()
    {
        // Searches are hot and almost always valid: the list exists only when there is something to say.
        List<string>? errors = null;
        if (Quantity is < 1 or > MaxQuantity)
        {
            (errors ??= []).Add($"quantity must be between 1 and {MaxQuantity}; got {Quantity}.");
        }

        if (City is not null && State is null)
        {
            (errors ??= []).Add("city requires state: add the two-letter state code, e.g. state=NC.");
        }

        if (RateCenter is not null && State is null)
        {
            (errors ??= []).Add("rate_center requires state: rate center names are unique only within a state.");
        }

        if (NpaNxxX is { } block && (block < 2_000_000 || block > 9_999_999))
        {
            (errors ??= []).Add($"npa_nxx_x must be seven digits (area code, exchange, first line digit), e.g. 9194601; got {block}.");
        }

        CheckPattern("starts_with", StartsWith, ref errors);
        CheckPattern("contains", Contains, ref errors);
        CheckPattern("ends_with", EndsWith, ref errors);

        if (Country.Length != 2)
        {
            (errors ??= []).Add($"country must be an ISO 3166 alpha-2 code such as US or GB; got '{Country}'.");
        }

        return errors ?? (IReadOnlyList<string>)[];
    }

    private static void CheckPattern(string name, string? pattern, ref List<string>? errors)
    {
        if (pattern is not null && (pattern.Length is 0 or > 15 || !pattern.All(char.IsAsciiDigit)))
        {
            (errors ??= []).Add($"{name} must be 1 to 15 digits of the national number (no + or country code); got '{pattern}'.");
        }
    }

    /// <summary>A canonical text of the filters (not the quantity): the key of the search walk.</summary>
    internal string FilterKey() =>
        string.Join('|', Country.ToUpperInvariant(), Type, AreaCode, NpaNxx, NpaNxxX, Zip, RateCenter?.ToUpperInvariant(), Lata,
            State?.ToUpperInvariant(), City?.ToUpperInvariant(), StartsWith, Contains, EndsWith);
}

/// <summary>Criteria that cannot be searched; the message says how to fix them.</summary>
public sealed class InvalidSearchException(IReadOnlyList<string> errors)
    : ArgumentException(string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
