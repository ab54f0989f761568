namespace OrderHandling.Example.Ordering;

/// <summary>Where DialStack is, who we are there, and how patient to be.</summary>
public sealed class DialStackOrderingOptions
{
    /// <summary>DialStack's base URL, ending with <c>/</c> (in production <c>https://api.dialstack.ai/</c>).</summary>
    public Uri BaseAddress { get; set; } = new("https://api.dialstack.ai/");

    /// <summary>The secret key, <c>sk_live_…</c> or <c>sk_test_…</c>.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The account to act for, sent as <c>DialStack-Account</c>.</summary>
    public string AccountId { get; set; } = "";

    /// <summary>
    /// Retries of one HTTP call on 429, 408, 5xx, timeouts and transport failures; 0 turns retries off.
    /// A POST is retried on all of them only when it carries an <c>Idempotency-Key</c> (every order
    /// does); without one, only on 429 and 503, which say nothing was done.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first backoff delay when the server gives no Retry-After; doubles each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest we wait before a retry, even when Retry-After asks for more.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a pending order is polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an order may stay pending before we give up on it.</summary>
    public TimeSpan OrderTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many times in a row numbers may be taken between search and order (409) before we give up.</summary>
    public int MaxConflictRetries { get; set; } = 3;

    /// <summary>
    /// How many times an order whose answer is still lost after the retries is looked for on the
    /// account and, when the account shows nothing, sent again with the same idempotency key.
    /// </summary>
    public int MaxReconciliations { get; set; } = 2;

    /// <summary>How many orders one request may place in all (the first one and top-ups after partial fills).</summary>
    public int MaxOrderRounds { get; set; } = 3;

    /// <summary>Called before each retry (for logs or metrics).</summary>
    public Action<RetryNotice>? OnRetry { get; set; }
}

/// <summary>A retry about to happen.</summary>
/// <param name="Method">The HTTP method of the call.</param>
/// <param name="Path">The path of the call.</param>
/// <param name="StatusCode">The status that caused the retry, or null for a transport failure.</param>
/// <param name="Delay">How long we wait before the retry.</param>
/// <param name="Attempt">The retry's number, from 1.</param>
public sealed record RetryNotice(string Method, string Path, int? StatusCode, TimeSpan Delay, int Attempt);
