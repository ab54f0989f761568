namespace OrderHandling.Example.Ordering;

/// <summary>What we asked for.</summary>
/// <param name="AreaCode">The 3-digit area code, e.g. <c>919</c>.</param>
/// <param name="Quantity">How many numbers, 1–100.</param>
/// <param name="AcceptPartial">Whether an order may complete partly (we then top up with fresh numbers).</param>
public sealed record NumberRequest(string AreaCode, int Quantity, bool AcceptPartial = true);

/// <summary>What we got.</summary>
public sealed record OrderingResult
{
    /// <summary>How many numbers were asked for.</summary>
    public required int Requested { get; init; }

    /// <summary>The numbers this request put on the account, E.164: every one it owns, none it does not.</summary>
    public required IReadOnlyList<string> Numbers { get; init; }

    /// <summary>Every order placed, in order.</summary>
    public required IReadOnlyList<string> OrderIds { get; init; }

    /// <summary>How many orders were refused because numbers were taken between search and order.</summary>
    public required int Conflicts { get; init; }

    /// <summary>How many orders were answered by DialStack's replay of a first answer that was lost (<c>Idempotent-Replayed</c>).</summary>
    public int ReplayedAnswers { get; init; }

    /// <summary>How many times an order's answer stayed lost after retries and the account was listed to learn what it did.</summary>
    public int Reconciliations { get; init; }

    /// <summary>Numbers that failed at fulfilment.</summary>
    public required IReadOnlyList<string> FailedNumbers { get; init; }

    /// <summary>Whether every requested number was acquired.</summary>
    public bool IsComplete => Numbers.Count == Requested;

    /// <summary>Why fewer numbers were acquired than asked for; null when complete.</summary>
    public string? Shortfall { get; init; }
}

/// <summary>Ordering failed; the message says why and what DialStack answered.</summary>
public sealed class OrderingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrderingException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why ordering failed.</param>
    public OrderingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why ordering failed.</param>
    /// <param name="innerException">The underlying failure.</param>
    public OrderingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status DialStack answered last, when that is the reason.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The numbers acquired before the failure (they stay on the account; none is missing).</summary>
    public IReadOnlyList<string> Acquired { get; init; } = [];
}
