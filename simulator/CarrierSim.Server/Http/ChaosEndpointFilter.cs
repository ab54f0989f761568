using System.Text;
using System.Text.RegularExpressions;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Http;

/// <summary>
/// Applies chaos to a dialect's endpoints, after authentication: fault → latency → outcome
/// → behaviour. Behaviours reach the domain through <see cref="ChaosScope"/>: a race takes
/// the request's numbers before the handler runs, a drought empties searches, and order
/// plans (partial, failure, stuck) are picked up by the order book.
/// </summary>
internal sealed partial class ChaosEndpointFilter(IDialect dialect, Simulation simulation, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        ChaosRule? forced = null;
        var header = context.Request.Headers[ChaosOverride.Header].ToString();
        if (header.Length > 0 && !ChaosOverride.TryParse(header, out forced, out var error))
        {
            return dialect.Error(context, StatusCodes.Status400BadRequest, error!);
        }

        var operation = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? dialect.Name + ".unknown";

        // With no rules, only an order can carry a magic number: other requests skip reading the body.
        if (forced is null && simulation.Chaos.Rules.Count == 0 && (!ChaosEngine.IsOrderOperation(operation) || !await MayHoldMagicNumbersAsync(context)))
        {
            return await next(invocation);
        }
        var account = context.Items.Values.OfType<Account>().FirstOrDefault();
        var numbers = await NumbersInRequestAsync(context);
        var decision = simulation.Chaos.Decide(new ChaosRequest(dialect.Name, operation, account?.Id, numbers, forced));
        if (decision.IsNone)
        {
            return await next(invocation);
        }

        context.Items[JournalMiddleware.InjectionsItem] = decision.Injections;
        switch (decision.Fault)
        {
            case FaultKind.ConnectionReset:
                context.Abort();
                return Results.Empty;
            case FaultKind.EmptyResponse:
                return Results.Text("", "application/json", statusCode: 200);
            case FaultKind.MalformedBody:
                return Results.Text("{\"data\": [{\"phone_number\": \"+1", "application/json", Encoding.UTF8, 200);
            case FaultKind.Hang:
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return Results.Empty;
        }

        if (decision.Latency is { } latency && latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(latency, time, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }
        }

        if (decision.Outcome is { } outcome)
        {
            var status = outcome.StatusCode!.Value;
            if (outcome.RetryAfterSeconds is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return dialect.Error(context, status, outcome.Message ?? DefaultMessage(status));
        }

        if (decision.Race)
        {
            var parsed = numbers.Select(PhoneNumber.Parse).Where(r => r.Success).Select(r => r.Value).ToList();
            simulation.Inventory.TakeByCompetitor(parsed);
        }

        using (ChaosScope.Enter(decision))
        {
            return await next(invocation);
        }
    }

    private static string DefaultMessage(int status) => status switch
    {
        401 => "Authentication failed (injected by CarrierSim chaos).",
        403 => "Forbidden (injected by CarrierSim chaos).",
        429 => "Too many requests: slow down and retry after the Retry-After delay.",
        500 => "Internal server error at the carrier; retry later.",
        502 or 503 or 504 => "The upstream carrier is unavailable; retry later.",
        _ => $"Error {status} injected by CarrierSim chaos.",
    };

    private static async Task<bool> MayHoldMagicNumbersAsync(HttpContext context) =>
        (await NumbersInRequestAsync(context)).Any(n => MagicNumbers.Of(n) is not null);

    /// <summary>Every E.164 number in the query string and the (buffered) body.</summary>
    private static async Task<IReadOnlyList<string>> NumbersInRequestAsync(HttpContext context)
    {
        const string Key = "carriersim.numbers";
        if (context.Items.TryGetValue(Key, out var cached))
        {
            return (IReadOnlyList<string>)cached!;
        }

        var text = new StringBuilder(Uri.UnescapeDataString(context.Request.QueryString.Value ?? "")).Append(' ').Append(context.Request.Path.Value);
        var hasBody = context.Request.ContentLength > 0 || (context.Request.ContentLength is null && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method));
        if (hasBody && context.Request.ContentLength is null or <= WireJson.MaxBodyBytes)
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
            var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(WireJson.MaxBodyBytes);
            try
            {
                var read = await reader.ReadBlockAsync(buffer.AsMemory(0, WireJson.MaxBodyBytes), context.RequestAborted);
                context.Request.Body.Position = 0;
                AppendBody(text, buffer.AsSpan(0, read));
            }
            finally
            {
                System.Buffers.ArrayPool<char>.Shared.Return(buffer);
            }
        }

        IReadOnlyList<string> numbers = [.. E164().Matches(text.ToString()).Select(m => m.Value).Distinct()];
        context.Items[Key] = numbers;
        return numbers;
    }

    /// <summary>JSON bodies are decoded first: clients may escape '+' as \u002B.</summary>
    private static void AppendBody(StringBuilder text, ReadOnlySpan<char> body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body.ToString());
            AppendStrings(text, document.RootElement);
        }
        catch (System.Text.Json.JsonException)
        {
            text.Append(' ').Append(body);
        }
    }

    private static void AppendStrings(StringBuilder text, System.Text.Json.JsonElement element)
    {
        switch (element.ValueKind)
        {
            case System.Text.Json.JsonValueKind.String:
                text.Append(' ').Append(element.GetString());
                break;
            case System.Text.Json.JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AppendStrings(text, item);
                }

                break;
            case System.Text.Json.JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    AppendStrings(text, property.Value);
                }

                break;
        }
    }

    [GeneratedRegex(@"\+[1-9][0-9]{7,14}")]
    private static partial Regex E164();
}
