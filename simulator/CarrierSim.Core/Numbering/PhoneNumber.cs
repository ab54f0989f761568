using System.Globalization;

namespace CarrierSim.Core.Numbering;

/// <summary>
/// A phone number in E.164 form (<c>+</c>, country code, national number; at most 15 digits).
/// Stored as its digits in a single <see cref="ulong"/>: E.164 never starts with 0.
/// </summary>
public readonly record struct PhoneNumber : IComparable<PhoneNumber>
{
    private const int MaxDigits = 15;

    private PhoneNumber(ulong digits) => Digits = digits;

    /// <summary>All digits of the E.164 form as a number, e.g. 19194601234.</summary>
    public ulong Digits { get; }

    public int DigitCount
    {
        get
        {
            var count = 0;
            for (var rest = Digits; rest > 0; rest /= 10)
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>The country calling code, e.g. 1 (NANP), 44 (GB), 91 (IN).</summary>
    public int CountryCallingCode
    {
        get
        {
            var count = DigitCount;
            var first = (int)(Digits / Pow10(count - 1));
            if (first is 1 or 7)
            {
                return first;
            }

            var two = (int)(Digits / Pow10(count - 2));
            return IsTwoDigitCountryCode(two) ? two : (int)(Digits / Pow10(count - 3));
        }
    }

    /// <summary>The national significant number: the digits after the country code.</summary>
    public ulong NationalNumber
    {
        get
        {
            var ccDigits = CountryCallingCode.ToString(CultureInfo.InvariantCulture).Length;
            return Digits % Pow10(DigitCount - ccDigits);
        }
    }

    /// <summary>Whether this is a ten-digit number of the North American Numbering Plan.</summary>
    public bool IsNanp => Digits is >= 1_200_200_0000UL and <= 1_999_999_9999UL;

    public Npa Npa => IsNanp ? Npa.FromInt32((int)(Digits / 10_000_000 % 1000)) : throw NotNanp();

    public NpaNxx NpaNxx => IsNanp ? NpaNxx.FromInt32((int)(Digits / 10_000 % 1_000_000)) : throw NotNanp();

    /// <summary>The last four digits of a NANP number.</summary>
    public int Line => IsNanp ? (int)(Digits % 10_000) : throw NotNanp();

    public bool IsTollFree => IsNanp && NanpRules.IsTollFreeNpa(Npa.Value);

    /// <summary>
    /// Parses E.164 text such as <c>+19194601234</c>. Spaces, dashes, dots and parentheses
    /// are ignored; the leading <c>+</c> is required.
    /// </summary>
    public static ParseResult<PhoneNumber> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<PhoneNumber>.ForError("A phone number is required: use E.164, e.g. +19194601234.");
        }

        var span = text.AsSpan().Trim();
        if (span[0] != '+')
        {
            return ParseResult<PhoneNumber>.ForError($"'{text}' is not in E.164 form: start with + and the country code, e.g. +19194601234.");
        }

        ulong digits = 0;
        var count = 0;
        foreach (var c in span[1..])
        {
            if (c is >= '0' and <= '9')
            {
                if (count == 0 && c == '0')
                {
                    return ParseResult<PhoneNumber>.ForError($"'{text}' is not in E.164 form: a country code never starts with 0.");
                }

                if (++count > MaxDigits)
                {
                    return ParseResult<PhoneNumber>.ForError($"'{text}' has more than {MaxDigits} digits, the E.164 maximum.");
                }

                digits = digits * 10 + (ulong)(c - '0');
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return ParseResult<PhoneNumber>.ForError($"'{text}' contains '{c}': an E.164 number has only a leading + and digits, e.g. +19194601234.");
            }
        }

        if (count < 8)
        {
            return ParseResult<PhoneNumber>.ForError($"'{text}' is too short for a phone number: use E.164 with country code, e.g. +19194601234.");
        }

        var number = new PhoneNumber(digits);
        if (digits / 10_000_000_000UL == 1 && count == 11 && (number.Digits / 10_000_000 % 1000 < 200 || number.Digits / 10_000 % 1000 < 200))
        {
            return ParseResult<PhoneNumber>.ForError($"'{text}' is not a valid North American number: area code and exchange each start with 2–9.");
        }

        if (digits / Pow10(count - 1) == 1 && count != 11)
        {
            return ParseResult<PhoneNumber>.ForError($"'{text}' is not a valid North American number: after +1 come exactly ten digits.");
        }

        return ParseResult<PhoneNumber>.ForValue(number);
    }

    /// <summary>Creates a number from all its E.164 digits, e.g. 19194601234.</summary>
    public static PhoneNumber FromDigits(ulong digits) =>
        digits is > 0 and < 1_000_000_000_000_000UL
            ? new PhoneNumber(digits)
            : throw new ArgumentOutOfRangeException(nameof(digits), digits, "E.164 numbers have 1 to 15 digits.");

    /// <summary>Creates a NANP number from its area code + exchange and four-digit line.</summary>
    public static PhoneNumber FromNanp(NpaNxx npaNxx, int line) =>
        line is >= 0 and <= 9999
            ? new PhoneNumber(10_000_000_000UL + (ulong)npaNxx.Value * 10_000 + (ulong)line)
            : throw new ArgumentOutOfRangeException(nameof(line), line, "A line number has four digits.");

    public int CompareTo(PhoneNumber other) => Digits.CompareTo(other.Digits);

    /// <summary>The E.164 form, e.g. <c>+19194601234</c>.</summary>
    public override string ToString()
    {
        // One allocation: numbers are written into every answer.
        Span<char> text = stackalloc char[21];
        text[0] = '+';
        Digits.TryFormat(text[1..], out var written, provider: CultureInfo.InvariantCulture);
        return new string(text[..(written + 1)]);
    }

    internal static ulong Pow10(int exponent)
    {
        ulong result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static bool IsTwoDigitCountryCode(int code) => code is 20 or 27 or (>= 30 and <= 34) or 36 or 39 or 40 or 41
        or (>= 43 and <= 49) or (>= 51 and <= 58) or (>= 60 and <= 66) or 81 or 82 or 84 or 86 or (>= 90 and <= 95) or 98;

    private InvalidOperationException NotNanp() => new($"{this} is not a North American (+1) number.");
}
