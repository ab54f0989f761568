using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrderHandling.Example.Tests;

/// <summary>
/// THE ANTI-EXAMPLE: do not copy this client. It is how order handling usually goes wrong when an
/// answer is lost after the carrier committed the order. It retries an order blindly, without an
/// idempotency key, after any failure; it reads every 409 as "another buyer took the numbers" and
/// buys fresh ones, even when the numbers are its own; and when its retries run out it gives up and
/// forgets the order. <see cref="NaiveClientTests"/> shows what that does to the account; the
/// careful client is <see cref="Ordering.DialStackOrderingClient"/>.
/// </summary>
internal sealed class NaiveOrderingClient(HttpClient http, TimeSpan attemptTimeout, int maxAttempts = 3)
{
    /// <summary>The status of every answer to an order attempt, in order; null when none came (reset, timeout).</summary>
    public List<int?> OrderAnswers { get; } = [];

    /// <summary>Buys <paramref name="quantity"/> numbers; the result is what it believes it bought.</summary>
    public async Task<NaiveResult> OrderNumbersAsync(string areaCode, int quantity, CancellationToken cancellationToken)
    {
        var believed = new List<string>();
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < 3 && believed.Count < quantity; round++)
        {
            var found = await http.GetFromJsonAsync<JsonObject>($"v1/available-phone-numbers?area_code={areaCode}&quantity={quantity + skipped.Count}", cancellationToken);
            var numbers = found!["data"]!.AsArray().Select(n => (string)n!["phone_number"]!).Where(n => !skipped.Contains(n)).Take(quantity - believed.Count).ToList();

            using var response = await SendBlindlyAsync(numbers, cancellationToken);
            if (response is null)
            {
                // Wrong: the order may well be committed; giving up forgets numbers we own.
                return new NaiveResult(believed, $"Gave up ordering {string.Join(", ", numbers)} after {maxAttempts} attempts.");
            }

            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                // Wrong: after a lost answer the 409 says "already_on_account", the numbers are ours.
                skipped.UnionWith(numbers);
                continue;
            }

            response.EnsureSuccessStatusCode();
            var order = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
            while ((string?)order["status"] == "pending")
            {
                await Task.Delay(50, cancellationToken);
                order = (await http.GetFromJsonAsync<JsonObject>($"v1/phone-number-orders/{(string)order["id"]!}", cancellationToken))!;
            }

            believed.AddRange(order["completed_numbers"]!.AsArray().Select(n => (string)n!));
        }

        return new NaiveResult(believed, null);
    }

    /// <summary>The answer to an order, retried blindly; null when every attempt failed.</summary>
    private async Task<HttpResponseMessage?> SendBlindlyAsync(List<string> numbers, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(attemptTimeout);
            try
            {
                // Wrong: no Idempotency-Key, so a repeat is a new order to DialStack.
                var response = await http.PostAsJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers }, timeout.Token);
                OrderAnswers.Add((int)response.StatusCode);
                if ((int)response.StatusCode < 500)
                {
                    return response;
                }

                response.Dispose();
            }
            catch (Exception e) when ((e is HttpRequestException or IOException or OperationCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                OrderAnswers.Add(null);
            }

            if (attempt == maxAttempts)
            {
                return null;
            }
        }
    }
}

/// <summary>What the naive client believes.</summary>
/// <param name="Believed">The numbers it believes it owns.</param>
/// <param name="GaveUp">Why it gave up; null when it did not.</param>
internal sealed record NaiveResult(IReadOnlyList<string> Believed, string? GaveUp);
