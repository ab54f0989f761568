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
    /// Adds the ordering client: retries on 429/5xx honouring Retry-After (capped at
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
            pipeline
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    MaxDelay = options.MaxRetryDelay,
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage())),
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
                })
                .AddTimeout(options.AttemptTimeout);
        });
        return builder;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        var status = outcome.Result?.StatusCode;

        // A POST is retried only when the carrier certainly did nothing: 429 and 503 say so.
        if (request?.Method == HttpMethod.Post)
        {
            return status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
        }

        return outcome.Exception is HttpRequestException or TimeoutRejectedException
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
