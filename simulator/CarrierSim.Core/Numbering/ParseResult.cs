using System.Diagnostics.CodeAnalysis;

namespace CarrierSim.Core.Numbering;

/// <summary>
/// The outcome of parsing text into a value: either the value or a message that says
/// what was wrong with the input and how to write it correctly. Parsing never throws.
/// </summary>
public readonly struct ParseResult<T>
{
    private readonly T? _value;

    private ParseResult(T? value, string? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>Whether parsing succeeded.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Error is null;

    /// <summary>The parse error, or null on success.</summary>
    public string? Error { get; }

    /// <summary>The parsed value; throws when parsing failed.</summary>
    public T Value => Success ? _value! : throw new InvalidOperationException(Error);

    public static ParseResult<T> ForValue(T value) => new(value, null);

    public static ParseResult<T> ForError(string error) => new(default, error);

    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return Success;
    }

    public override string ToString() => Success ? $"{_value}" : $"error: {Error}";
}
