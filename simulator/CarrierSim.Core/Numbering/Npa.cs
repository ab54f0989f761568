namespace CarrierSim.Core.Numbering;

/// <summary>A North American area code (Numbering Plan Area), 200–999.</summary>
public readonly record struct Npa : IComparable<Npa>
{
    private Npa(int value) => Value = value;

    public int Value { get; }

    public static Npa FromInt32(int value) =>
        value is >= 200 and <= 999
            ? new Npa(value)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "An NPA is a number from 200 to 999.");

    public static ParseResult<Npa> Parse(string? text)
    {
        if (text is { Length: 3 } && int.TryParse(text, System.Globalization.NumberStyles.None, null, out var value) && value >= 200)
        {
            return ParseResult<Npa>.ForValue(new Npa(value));
        }

        return ParseResult<Npa>.ForError($"'{text}' is not an area code: use three digits from 200 to 999, e.g. 919.");
    }

    public int CompareTo(Npa other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
}
