namespace CarrierSim.Core.Numbering;

/// <summary>
/// The kinds of number vendors sell. Mapped to libphonenumber's types as local → FIXED_LINE,
/// mobile → MOBILE, toll-free → TOLL_FREE, national → UAN. In the US and Canada local and
/// mobile share the geographic pool.
/// </summary>
public enum NumberType
{
    Local,
    Mobile,
    TollFree,
    National,
}

/// <summary>Wire names of <see cref="NumberType"/>.</summary>
public static class NumberTypes
{
    public static string ToWireName(this NumberType type) => type switch
    {
        NumberType.Local => "local",
        NumberType.Mobile => "mobile",
        NumberType.TollFree => "toll-free",
        NumberType.National => "national",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static ParseResult<NumberType> Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "local" or "fixed" or "fixed_line" or "fixed-line" or "geographic" => ParseResult<NumberType>.ForValue(NumberType.Local),
        "mobile" => ParseResult<NumberType>.ForValue(NumberType.Mobile),
        "toll-free" or "tollfree" or "toll_free" => ParseResult<NumberType>.ForValue(NumberType.TollFree),
        "national" or "uan" => ParseResult<NumberType>.ForValue(NumberType.National),
        _ => ParseResult<NumberType>.ForError($"'{text}' is not a number type: use local, mobile, toll-free or national."),
    };
}
