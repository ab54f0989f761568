using System.Globalization;

namespace CarrierSim.Core.Numbering;

/// <summary>An NPA-NXX (area code + exchange), e.g. 919-460: a block of 10,000 numbers.</summary>
public readonly record struct NpaNxx : IComparable<NpaNxx>
{
    private NpaNxx(int value) => Value = value;

    /// <summary>The six digits as a number, e.g. 919460.</summary>
    public int Value { get; }

    public Npa Npa => Npa.FromInt32(Value / 1000);

    public int Nxx => Value % 1000;

    public static NpaNxx FromInt32(int value) =>
        value is >= 200_000 and <= 999_999
            ? new NpaNxx(value)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "An NPA-NXX is six digits with a first digit from 2 to 9.");

    public static NpaNxx FromParts(Npa npa, int nxx) =>
        nxx is >= 0 and <= 999
            ? new NpaNxx(npa.Value * 1000 + nxx)
            : throw new ArgumentOutOfRangeException(nameof(nxx), nxx, "An NXX is three digits.");

    public static ParseResult<NpaNxx> Parse(string? text)
    {
        var digits = text?.Replace("-", "", StringComparison.Ordinal);
        if (digits is { Length: 6 } && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 200_000
            && NanpRules.IsValidExchangeCode(value % 1000))
        {
            return ParseResult<NpaNxx>.ForValue(new NpaNxx(value));
        }

        return ParseResult<NpaNxx>.ForError($"'{text}' is not an NPA-NXX: use six digits, area code then exchange (each 200–999), e.g. 919460.");
    }

    public int CompareTo(NpaNxx other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString("D6", CultureInfo.InvariantCulture);
}
