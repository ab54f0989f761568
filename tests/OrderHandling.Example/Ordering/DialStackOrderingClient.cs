using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace OrderHandling.Example.Ordering;

/// <summary>
/// Buys phone numbers from DialStack: search → order → poll the order until it is terminal.
/// Every order carries an <c>Idempotency-Key</c> made once for it and sent again with every retry,
/// so the resilience handler registered with
/// <see cref="OrderingServiceCollectionExtensions.AddDialStackOrdering"/> may retry it after a reset,
/// a timeout or a 5xx without buying twice. When the answer to an order is still lost after the
/// retries, the client lists the account's orders and numbers and adopts what it owns. This class
/// also handles what retrying the same call cannot fix: numbers taken between search and order (409),
/// partial fills and failed orders, each by ordering fresh numbers, within limits, then reporting clearly.
/// </summary>
public sealed class DialStackOrderingClient(HttpClient http, IOptions<DialStackOrderingOptions> options)
{
    /// <summary>The header DialStack reads the idempotency key from (its SDKs send one on every POST).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly DialStackOrderingOptions _options = options.Value;

    /// <summary>Acquires up to <see cref="NumberRequest.Quantity"/> numbers in an area code.</summary>
    /// <param name="request">What to buy.</param>
    /// <param name="cancellationToken">Cancels the whole operation.</param>
    /// <returns>The numbers acquired; <see cref="OrderingResult.Shortfall"/> says why when fewer than asked.</returns>
    /// <exception cref="OrderingException">Nothing could be bought, or DialStack kept failing; the message says why.</exception>
    public async Task<OrderingResult> OrderNumbersAsync(NumberRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Quantity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Quantity, 100);

        var progress = new Progress();
        var acquired = progress.Acquired;
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        var rounds = 0;
        while (acquired.Count < request.Quantity)
        {
            if (rounds == _options.MaxOrderRounds)
            {
                return Result(request, progress,
                    $"Got {acquired.Count} of {request.Quantity} numbers after {rounds} orders: {progress.Failed.Count} number(s) failed at fulfilment. Order the rest later, or in another area code.");
            }

            var need = request.Quantity - acquired.Count;
            var candidates = await SearchAsync(request.AreaCode, need, excluded, acquired, cancellationToken);
            if (candidates.Count == 0)
            {
                return acquired.Count == 0
                    ? throw new OrderingException($"DialStack has no available numbers in area code {request.AreaCode}.") { Acquired = acquired }
                    : Result(request, progress, $"Got {acquired.Count} of {request.Quantity} numbers: area code {request.AreaCode} has no more available numbers.");
            }

            var placed = await PlaceOrderAsync(candidates, request.AcceptPartial, progress, cancellationToken);
            if (placed.Unavailable is { } unavailable)
            {
                // Another buyer took some of the numbers between our search and our order:
                // retrying the same order cannot work, so search again and order fresh numbers.
                progress.Conflicts++;
                excluded.UnionWith(unavailable.Count > 0 ? unavailable : candidates);
                if (progress.Conflicts > _options.MaxConflictRetries)
                {
                    throw new OrderingException(
                        $"DialStack answered 409 phone_numbers_unavailable {progress.Conflicts} times in a row: the numbers were taken by another buyer between search and order each time. Giving up after {progress.Conflicts} attempts; {acquired.Count} of {request.Quantity} numbers acquired.")
                    { StatusCode = 409, Acquired = acquired };
                }

                continue;
            }

            rounds++;
            if (placed.Adopted is { } adopted)
            {
                acquired.AddRange(adopted);
                excluded.UnionWith(candidates);
                continue;
            }

            progress.OrderIds.Add(placed.Order!.Id);
            var order = await WaitUntilTerminalAsync(placed.Order, acquired, cancellationToken);
            acquired.AddRange(order.CompletedNumbers);
            progress.Failed.AddRange(order.FailedNumbers);
            excluded.UnionWith(order.FailedNumbers);
        }

        return Result(request, progress, null);
    }

    private static OrderingResult Result(NumberRequest request, Progress progress, string? shortfall) => new()
    {
        Requested = request.Quantity,
        Numbers = progress.Acquired,
        FailedNumbers = progress.Failed,
        OrderIds = progress.OrderIds,
        Conflicts = progress.Conflicts,
        ReplayedAnswers = progress.ReplayedAnswers,
        Reconciliations = progress.Reconciliations,
        Shortfall = shortfall,
    };

    private async Task<List<string>> SearchAsync(string areaCode, int need, HashSet<string> excluded, List<string> acquired, CancellationToken cancellationToken)
    {
        // Ask for a few more than needed: numbers we already know to be gone may come back.
        var quantity = Math.Min(100, need + Math.Min(excluded.Count, 20));
        using var response = await http.GetAsync($"v1/available-phone-numbers?area_code={Uri.EscapeDataString(areaCode)}&quantity={quantity}", cancellationToken);
        await EnsureSuccessAsync(response, "search for numbers", acquired, cancellationToken);
        var page = await response.Content.ReadFromJsonAsync<DataPage>(Json, cancellationToken);
        return [.. (page?.Data ?? []).Select(n => n.PhoneNumber).Where(n => !excluded.Contains(n)).Take(need)];
    }

    private async Task<Placement> PlaceOrderAsync(List<string> numbers, bool partialAllowed, Progress progress, CancellationToken cancellationToken)
    {
        // begin-snippet: careful-order
        // One key per order, made before its first attempt and sent with every repeat of it, the
        // resilience handler's retries and ours after reconciling: DialStack acts on the first request
        // that reaches it and answers every repeat with that first answer, so no repeat buys twice.
        var key = Guid.NewGuid().ToString();
        var order = new CreateOrder(numbers, partialAllowed);
        for (var sent = 1; ; sent++)
        {
            var placed = await SendOrderAsync(order, key, progress, cancellationToken);
            if (placed.LostAnswer is not { } lost)
            {
                return placed;
            }

            // Still no answer after the retries: DialStack may or may not have taken the order. Look
            // at the account instead of guessing; ordering other numbers now could buy twice, and
            // giving up could leave numbers on the account that we believe we do not own.
            progress.Reconciliations++;
            if (await ReconcileAsync(numbers, progress, cancellationToken) is { } found)
            {
                return found;
            }

            if (sent > _options.MaxReconciliations)
            {
                throw new OrderingException(
                    $"The order for {string.Join(", ", numbers)} got no usable answer {sent} times (last: {lost}), and the account lists neither that order nor those numbers: DialStack has not taken it. Try again later; {progress.Acquired.Count} number(s) acquired so far.")
                { Acquired = progress.Acquired };
            }

            // The account shows nothing: the request never got through. Sending it again with the
            // same key is safe even if it is still on its way: DialStack would answer it once.
        }
        // end-snippet
    }

    private async Task<Placement> SendOrderAsync(CreateOrder order, string key, Progress progress, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "v1/phone-number-orders") { Content = JsonContent.Create(order, options: Json) };
        message.Headers.Add(IdempotencyKeyHeader, key);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (OrderingServiceCollectionExtensions.IsTransportFailure(e, cancellationToken))
        {
            return new Placement { LostAnswer = e is TimeoutRejectedException ? $"no answer within {_options.AttemptTimeout.TotalSeconds:0.#} s" : "the connection broke" };
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                if (response.Headers.Contains("Idempotent-Replayed"))
                {
                    progress.ReplayedAnswers++;
                }

                return new Placement
                {
                    Order = await response.Content.ReadFromJsonAsync<OrderWire>(Json, cancellationToken)
                        ?? throw new OrderingException("DialStack answered an empty body for a new order.") { Acquired = progress.Acquired },
                };
            }

            var status = (int)response.StatusCode;
            if (status == 409)
            {
                // Only phone_numbers_unavailable says the numbers went elsewhere. Any other 409 to a
                // keyed request (its first copy is still being processed) leaves the outcome open.
                var error = await ReadErrorAsync(response, cancellationToken);
                return error?.Code == "phone_numbers_unavailable"
                    ? new Placement { Unavailable = error.Details?.Unavailable ?? [] }
                    : new Placement { LostAnswer = $"409 {error?.Error ?? response.ReasonPhrase}" };
            }

            // A timeout or a server or gateway failure after the request got in: the order may be
            // committed. 503 and 429 say nothing was done; other 4xx say what to fix.
            if (status is 408 or (>= 500 and not 503))
            {
                return new Placement { LostAnswer = $"{status} {(await ReadErrorAsync(response, cancellationToken))?.Error ?? response.ReasonPhrase}" };
            }

            await EnsureSuccessAsync(response, "place an order", progress.Acquired, cancellationToken);
            throw new UnreachableException();
        }
    }

    /// <summary>What an order whose answer was lost did, from the account's own lists; null when it shows nothing.</summary>
    private async Task<Placement?> ReconcileAsync(List<string> numbers, Progress progress, CancellationToken cancellationToken)
    {
        // DialStack orders carry no reference of ours: an order for exactly these numbers that this
        // call has not seen yet is the one whose answer was lost (search offers only numbers nobody
        // owns, so no one else's earlier order names the same set and completed).
        var wanted = numbers.ToHashSet(StringComparer.Ordinal);
        var orders = await ListAllAsync<OrderWire>("v1/phone-number-orders?order_type=purchase&limit=100", "list orders", progress.Acquired, cancellationToken);
        if (orders.LastOrDefault(o => !progress.OrderIds.Contains(o.Id) && wanted.SetEquals(o.PhoneNumbers)) is { } order)
        {
            return new Placement { Order = order };
        }

        // No such order, yet the numbers may be on the account: they are ours, keep them.
        var owned = await ListAllAsync<NumberWire>("v1/phone-numbers?limit=100", "list numbers", progress.Acquired, cancellationToken);
        var adopted = owned.Where(n => n.Status != "released" && wanted.Contains(n.PhoneNumber) && !progress.Acquired.Contains(n.PhoneNumber))
            .Select(n => n.PhoneNumber).ToList();
        return adopted.Count > 0 ? new Placement { Adopted = adopted } : null;
    }

    private async Task<List<T>> ListAllAsync<T>(string path, string what, List<string> acquired, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        for (var next = path; next is not null;)
        {
            using var response = await http.GetAsync(next, cancellationToken);
            await EnsureSuccessAsync(response, what, acquired, cancellationToken);
            var page = await response.Content.ReadFromJsonAsync<ListPage<T>>(Json, cancellationToken);
            items.AddRange(page?.Data ?? []);

            // next_page_url is a path from the API's root (/v1/…?page=…): follow it from our base address.
            next = page?.NextPageUrl?.TrimStart('/');
        }

        return items;
    }

    private async Task<OrderWire> WaitUntilTerminalAsync(OrderWire order, List<string> acquired, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (order.Status == "pending")
        {
            if (waited.Elapsed >= _options.OrderTimeout)
            {
                throw new OrderingException($"Order {order.Id} is still pending after {_options.OrderTimeout.TotalSeconds:0.#} s; it may complete later: check it with GET v1/phone-number-orders/{order.Id}.")
                { Acquired = acquired };
            }

            await Task.Delay(_options.PollInterval, cancellationToken);
            using var response = await http.GetAsync($"v1/phone-number-orders/{Uri.EscapeDataString(order.Id)}", cancellationToken);
            await EnsureSuccessAsync(response, $"read order {order.Id}", acquired, cancellationToken);
            order = await response.Content.ReadFromJsonAsync<OrderWire>(Json, cancellationToken)
                ?? throw new OrderingException($"DialStack answered an empty body for order {order.Id}.");
        }

        return order;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, List<string> acquired, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var error = await ReadErrorAsync(response, cancellationToken);
        var status = (int)response.StatusCode;
        var retried = status is 429 or >= 500 ? " (after retries)" : "";
        throw new OrderingException($"Could not {what}: DialStack answered {status}{retried}: {error?.Error ?? response.ReasonPhrase}")
        {
            StatusCode = status,
            Acquired = acquired,
        };
    }

    private static async Task<ErrorWire?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ErrorWire>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What one logical order has done so far.</summary>
    private sealed class Progress
    {
        public List<string> Acquired { get; } = [];

        public List<string> Failed { get; } = [];

        public List<string> OrderIds { get; } = [];

        public int Conflicts { get; set; }

        public int ReplayedAnswers { get; set; }

        public int Reconciliations { get; set; }
    }

    /// <summary>How placing one order ended: exactly one property is set.</summary>
    private sealed record Placement
    {
        /// <summary>DialStack took the order (answered, replayed, or found on the account).</summary>
        public OrderWire? Order { get; init; }

        /// <summary>409 phone_numbers_unavailable: these numbers went to another buyer.</summary>
        public IReadOnlyList<string>? Unavailable { get; init; }

        /// <summary>No order found, but these numbers are on the account.</summary>
        public IReadOnlyList<string>? Adopted { get; init; }

        /// <summary>Why the outcome is unknown.</summary>
        public string? LostAnswer { get; init; }
    }

    // DialStack's wire shapes, only the fields this client reads.
    private sealed record DataPage(IReadOnlyList<AvailableNumber> Data);

    private sealed record ListPage<T>(IReadOnlyList<T> Data, string? NextPageUrl);

    private sealed record AvailableNumber(string PhoneNumber);

    private sealed record NumberWire(string PhoneNumber, string Status);

    private sealed record CreateOrder(IReadOnlyList<string> PhoneNumbers, bool PartialAllowed);

    private sealed record OrderWire(string Id, string Status, IReadOnlyList<string> PhoneNumbers, IReadOnlyList<string> CompletedNumbers, IReadOnlyList<string> FailedNumbers, string? ErrorMessage);

    private sealed record ErrorWire(string? Error, string? Code, ErrorDetails? Details);

    private sealed record ErrorDetails([property: JsonPropertyName("unavailable")] IReadOnlyList<string>? Unavailable);
}
