using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace OrderHandling.Example.Ordering;

/// <summary>
/// Buys phone numbers from DialStack: search → order → poll the order until it is terminal.
/// Transient failures (429, 5xx) are retried by the resilience handler registered with
/// <see cref="OrderingServiceCollectionExtensions.AddDialStackOrdering"/>; this class handles what
/// retrying the same call cannot fix: numbers taken between search and order (409), partial
/// fills and failed orders, each by ordering fresh numbers, within limits, then reporting clearly.
/// </summary>
public sealed class DialStackOrderingClient(HttpClient http, IOptions<DialStackOrderingOptions> options)
{
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

        var acquired = new List<string>();
        var failed = new List<string>();
        var orderIds = new List<string>();
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        var conflicts = 0;
        var rounds = 0;
        while (acquired.Count < request.Quantity)
        {
            if (rounds == _options.MaxOrderRounds)
            {
                return Result(request, acquired, failed, orderIds, conflicts,
                    $"Got {acquired.Count} of {request.Quantity} numbers after {rounds} orders: {failed.Count} number(s) failed at fulfilment. Order the rest later, or in another area code.");
            }

            var need = request.Quantity - acquired.Count;
            var candidates = await SearchAsync(request.AreaCode, need, excluded, acquired, cancellationToken);
            if (candidates.Count == 0)
            {
                return acquired.Count == 0
                    ? throw new OrderingException($"DialStack has no available numbers in area code {request.AreaCode}.") { Acquired = acquired }
                    : Result(request, acquired, failed, orderIds, conflicts, $"Got {acquired.Count} of {request.Quantity} numbers: area code {request.AreaCode} has no more available numbers.");
            }

            var placed = await PlaceOrderAsync(candidates, request.AcceptPartial, acquired, cancellationToken);
            if (placed.Unavailable is { } unavailable)
            {
                // Another buyer took some of the numbers between our search and our order:
                // retrying the same order cannot work, so search again and order fresh numbers.
                conflicts++;
                excluded.UnionWith(unavailable.Count > 0 ? unavailable : candidates);
                if (conflicts > _options.MaxConflictRetries)
                {
                    throw new OrderingException(
                        $"DialStack answered 409 phone_numbers_unavailable {conflicts} times in a row: the numbers were taken by another buyer between search and order each time. Giving up after {conflicts} attempts; {acquired.Count} of {request.Quantity} numbers acquired.")
                    { StatusCode = 409, Acquired = acquired };
                }

                continue;
            }

            rounds++;
            orderIds.Add(placed.Order!.Id);
            var order = await WaitUntilTerminalAsync(placed.Order, acquired, cancellationToken);
            acquired.AddRange(order.CompletedNumbers);
            failed.AddRange(order.FailedNumbers);
            excluded.UnionWith(order.FailedNumbers);
        }

        return Result(request, acquired, failed, orderIds, conflicts, null);
    }

    private static OrderingResult Result(NumberRequest request, List<string> acquired, List<string> failed, List<string> orderIds, int conflicts, string? shortfall) => new()
    {
        Requested = request.Quantity,
        Numbers = acquired,
        FailedNumbers = failed,
        OrderIds = orderIds,
        Conflicts = conflicts,
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

    private async Task<(OrderWire? Order, IReadOnlyList<string>? Unavailable)> PlaceOrderAsync(List<string> numbers, bool partialAllowed, List<string> acquired, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("v1/phone-number-orders", new CreateOrder(numbers, partialAllowed), Json, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var error = await ReadErrorAsync(response, cancellationToken);
            return (null, error?.Details?.Unavailable ?? []);
        }

        await EnsureSuccessAsync(response, "place an order", acquired, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<OrderWire>(Json, cancellationToken), null);
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

    // DialStack's wire shapes, only the fields this client reads.
    private sealed record DataPage(IReadOnlyList<AvailableNumber> Data);

    private sealed record AvailableNumber(string PhoneNumber);

    private sealed record CreateOrder(IReadOnlyList<string> PhoneNumbers, bool PartialAllowed);

    private sealed record OrderWire(string Id, string Status, IReadOnlyList<string> CompletedNumbers, IReadOnlyList<string> FailedNumbers, string? ErrorMessage);

    private sealed record ErrorWire(string? Error, string? Code, ErrorDetails? Details);

    private sealed record ErrorDetails([property: JsonPropertyName("unavailable")] IReadOnlyList<string>? Unavailable);
}
