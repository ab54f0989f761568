using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace OrderHandling.Example.Ordering;

/// <summary>Registers <see cref="DialStackOrderingClient"/> with its HTTP client and resilience pipeline.</summary>
public static class OrderingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the ordering client: retries on 429/408/5xx, timeouts and transport failures (a POST
    /// only when it carries an idempotency key, or on 429/503) honouring Retry-After (capped at
    /// <see cref="DialStackOrderingOptions.MaxRetryDelay"/>), exponential backoff with jitter
    /// otherwise, and a timeout per attempt.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder, e.g. to set a primary handler in tests.</returns>
    public static IHttpClientBuilder AddDialStackOrdering(this IServiceCollection services, Action<DialStackOrderingOptions> configure)
    {
        services.Configure(configure);
        var builder = services.AddHttpClient<DialStackOrderingClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<DialStackOrderingOptions>>().Value;
            http.BaseAddress = options.BaseAddress;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            http.DefaultRequestHeaders.Add("DialStack-Account", options.AccountId);
            http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's attempt timeout and the caller's token govern
        });

        builder.AddResilienceHandler("dialstack", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<DialStackOrderingOptions>>().Value;
            if (options.MaxRetryAttempts > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    MaxDelay = options.MaxRetryDelay,
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), args.Context.CancellationToken)),
                    DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.MaxRetryDelay)),
                    OnRetry = args =>
                    {
                        var request = args.Context.GetRequestMessage();
                        options.OnRetry?.Invoke(new RetryNotice(
                            request?.Method.Method ?? "?",
                            request?.RequestUri?.AbsolutePath ?? "?",
                            args.Outcome.Result is { } response ? (int)response.StatusCode : null,
                            args.RetryDelay,
                            args.AttemptNumber + 1));
                        return default;
                    },
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }

    /// <summary>
    /// Whether an exception means the call may not have reached DialStack, or its answer did not
    /// come back: a broken connection, a reset, an attempt timeout, a cancellation the caller did not ask for.
    /// </summary>
    internal static bool IsTransportFailure(Exception exception, CancellationToken callerToken) =>
        exception is HttpRequestException or IOException or TimeoutRejectedException
        || (exception is OperationCanceledException && !callerToken.IsCancellationRequested);

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, CancellationToken callerToken)
    {
        var status = outcome.Result?.StatusCode;

        // A POST without an idempotency key is retried only when the carrier certainly did nothing:
        // 429 and 503 say so. After a reset, a timeout or a 502/504 it may have acted, and a blind
        // repeat would act again. With a key, DialStack answers a repeat with its first answer.
        if (request?.Method == HttpMethod.Post && !request.Headers.Contains(DialStackOrderingClient.IdempotencyKeyHeader))
        {
            return status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
        }

        return (outcome.Exception is { } exception && IsTransportFailure(exception, callerToken))
            || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            || (int?)status >= 500;
    }

    /// <summary>The server's Retry-After, capped; null lets the backoff decide.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (delay is not { } wait)
        {
            return null;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > cap ? cap : wait;
    }
}
