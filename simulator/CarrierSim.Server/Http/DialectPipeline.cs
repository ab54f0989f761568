using System.Text;
using CarrierSim.Core;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Http;

/// <summary>
/// The one pipeline in front of every dialect endpoint: authenticate (the typed caller becomes a
/// request feature) → answer a body the platform could not read → decide chaos from the
/// endpoint's declared operation and the numbers its typed request names → apply fault, latency,
/// outcome and race → hand the decision to the endpoint as a feature, which passes it on
/// explicitly. There is no ambient chaos scope and no body scraping.
/// </summary>
internal sealed class DialectPipeline(IDialect dialect, Simulation simulation, TimeProvider time) : IEndpointFilter
{
    private readonly bool _asyncOrders = Dialects.DialectRegistry.Find(dialect.Name)?.Capabilities.AsyncOrders ?? true;

    /// <summary>Set when the client got no response at all (reset, hang): the journal records status 0.</summary>
    public const string NoResponseItem = "carriersim.noResponse";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<AnonymousDialectEndpoint>() is not null)
        {
            return await next(invocation);
        }

        var auth = dialect.Authenticate(context, simulation.Accounts);
        if (auth.Failure is { } failure)
        {
            return failure;
        }

        var caller = auth.Caller;
        if (caller is not null)
        {
            context.Features.Set(caller);
            if (metadata?.GetMetadata<RequiredScope>() is { } required && !caller.Has(required.Scope))
            {
                return dialect.MissingScope(context, required.Scope);
            }
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument is IBoundBody { Problem: { } problem })
            {
                return dialect.Invalid(context, problem);
            }
        }

        var operation = metadata?.GetMetadata<DialectOperation>();
        ChaosRule? forced = null;
        var header = context.Request.Headers[ChaosOverride.Header].ToString();
        if (header.Length > 0 && !ChaosOverride.TryParse(header, out forced, out var error))
        {
            return dialect.Error(context, StatusCodes.Status400BadRequest, error!);
        }

        if (operation is null)
        {
            return await InScopeAsync(invocation, next, caller, operation);
        }

        // With no rules and no override, only an order can carry a magic number.
        if (forced is null && simulation.Chaos.Rules.Count == 0 && operation.Kind != OperationKind.Order)
        {
            return await InScopeAsync(invocation, next, caller, operation);
        }

        var numbers = NumbersOf(invocation, operation);
        var decision = simulation.Chaos.Decide(new ChaosRequest(dialect.Name, operation.Id, operation.Kind, caller?.Account.Id, numbers, forced, _asyncOrders));
        if (decision.IsNone)
        {
            return await InScopeAsync(invocation, next, caller, operation);
        }

        context.Items[DialectGateMiddleware.InjectionsItem] = decision.Injections;
        context.Features.Set(decision);

        // Chaos waits end when the client goes away or the simulator stops (SIGTERM drains, not cuts).
        using var waits = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        switch (decision.Fault)
        {
            case FaultKind.ConnectionReset:
                context.Items[NoResponseItem] = true;
                context.Abort();
                return Results.Empty;
            case FaultKind.EmptyResponse:
                // The connection closes before any byte of a response: no status line at all.
                context.Items[NoResponseItem] = true;
                context.Abort();
                return Results.Empty;
            case FaultKind.EmptyBody:
                return Results.Text("", "application/json", statusCode: 200);
            case FaultKind.MalformedBody:
                return Results.Text("{\"data\": [{\"phone_number\": \"+1", "application/json", Encoding.UTF8, 200);
            case FaultKind.Hang:
                context.Items[NoResponseItem] = true;
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, waits.Token);
                }
                catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
                {
                    // Shutting down: a hang never answers, so close the connection now.
                    context.Abort();
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
                await Task.Delay(latency, time, waits.Token);
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                // Shutting down: the rest of the delay is skipped and the request answered, so it drains.
            }
            catch (OperationCanceledException)
            {
                context.Items[NoResponseItem] = true;
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

        var answer = await InScopeAsync(invocation, next, caller, operation);
        if (decision.LostResponse is not { } loss)
        {
            return answer;
        }

        // What the carrier would have answered: an idempotent retry gets it (IdempotencyMiddleware).
        if (answer is IResult committed)
        {
            context.Items[IdempotencyMiddleware.CommittedAnswerItem] = committed;
        }

        return await LoseAsync(context, loss, waits.Token);
    }

    /// <summary>
    /// Runs the endpoint. With a shared store, a request that acts on its tenant's state (anything but
    /// a search) runs in a unit of work over that tenant: locked against the tenant's other requests
    /// on every replica, brought up to date first, and committed before its answer is written, so a
    /// client never sees an answer for a change that was not saved.
    /// </summary>
    private async ValueTask<object?> InScopeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, DialectCaller? caller, DialectOperation? operation)
    {
        if (!simulation.Store.IsShared || caller is null || operation?.Kind == OperationKind.Search)
        {
            return await next(invocation);
        }

        await using var scope = await simulation.Store.BeginAsync(caller.Account.Owner, invocation.HttpContext.RequestAborted);
        var answer = await next(invocation);
        if (scope is not null)
        {
            // The carrier has processed the request: it is saved even if the client has gone.
            await scope.CommitAsync(CancellationToken.None);
        }

        return answer;
    }

    /// <summary>The request was processed (the order is committed); its answer is now lost on the way back.</summary>
    private async Task<object?> LoseAsync(HttpContext context, ResponseLoss loss, CancellationToken waits)
    {
        switch (loss)
        {
            case ResponseLoss.BadGateway:
                return dialect.Error(context, StatusCodes.Status502BadGateway, "Bad gateway: the carrier's answer was lost on the way back. The request may have been processed; check before you retry.");
            case ResponseLoss.GatewayTimeout:
                return dialect.Error(context, StatusCodes.Status504GatewayTimeout, "Gateway timeout: the carrier did not answer in time. The request may have been processed; check before you retry.");
            case ResponseLoss.Hang:
                context.Items[NoResponseItem] = true;
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, waits);
                }
                catch (OperationCanceledException)
                {
                }

                context.Abort();
                return Results.Empty;
            default:
                context.Items[NoResponseItem] = true;
                context.Abort();
                return Results.Empty;
        }
    }

    /// <summary>The numbers the typed request names: its body (<see cref="INamesNumbers"/>) and the route values the operation declares.</summary>
    private static List<string> NumbersOf(EndpointFilterInvocationContext invocation, DialectOperation operation)
    {
        var numbers = new List<string>();
        foreach (var argument in invocation.Arguments)
        {
            if ((argument as IBoundBody)?.Value is INamesNumbers named)
            {
                numbers.AddRange(named.Numbers.OfType<string>().Select(Canonical));
            }
        }

        foreach (var name in operation.RouteNumbers)
        {
            if (invocation.HttpContext.Request.RouteValues.TryGetValue(name, out var value) && value is string text)
            {
                numbers.Add(Canonical(Uri.UnescapeDataString(text)));
            }
        }

        return [.. numbers.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// E.164 when the text parses as a number, else the text as sent. Clients may omit the '+': vendors
    /// such as Plivo write numbers as E.164 digits without it (/PhoneNumber/14155559186/), and chaos
    /// targets and magic numbers must see those numbers too.
    /// </summary>
    private static string Canonical(string text)
    {
        var trimmed = text.Trim();
        var parsed = PhoneNumber.Parse(trimmed);
        if (!parsed.Success && trimmed.Length > 0 && trimmed.All(char.IsAsciiDigit))
        {
            parsed = PhoneNumber.Parse("+" + trimmed);
        }

        return parsed.Success ? parsed.Value.ToString() : trimmed;
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
}
