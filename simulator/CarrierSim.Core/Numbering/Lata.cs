using System.Globalization;

namespace CarrierSim.Core.Numbering;

/// <summary>A Local Access and Transport Area code, e.g. 426 (Raleigh-Durham).</summary>
public readonly record struct Lata : IComparable<Lata>
{
    private Lata(int value) => Value = value;

    public int Value { get; }

    public static Lata FromInt32(int value) =>
        value is >= 0 and <= 999
            ? new Lata(value)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A LATA is a three-digit number.");

    public static ParseResult<Lata> Parse(string? text) =>
        text is { Length: 3 } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? ParseResult<Lata>.ForValue(new Lata(value))
            : ParseResult<Lata>.ForError($"'{text}' is not a LATA: use its three digits, e.g. 426.");

    public int CompareTo(Lata other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString("D3", CultureInfo.InvariantCulture);
}
