using System.Globalization;

namespace CarrierSim.Core.Numbering;

/// <summary>A five-digit US ZIP code.</summary>
public readonly record struct ZipCode : IComparable<ZipCode>
{
    private ZipCode(int value) => Value = value;

    public int Value { get; }

    public static ZipCode FromInt32(int value) =>
        value is >= 0 and <= 99_999
            ? new ZipCode(value)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A ZIP code has five digits.");

    public static ParseResult<ZipCode> Parse(string? text) =>
        text is { Length: 5 } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? ParseResult<ZipCode>.ForValue(new ZipCode(value))
            : ParseResult<ZipCode>.ForError($"'{text}' is not a ZIP code: use five digits, e.g. 27601.");

    public int CompareTo(ZipCode other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString("D5", CultureInfo.InvariantCulture);
}
