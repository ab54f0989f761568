using CarrierSim.Core.Chaos;

namespace CarrierSim.Server.Http;

/// <summary>What the platform hands a dialect endpoint through request features.</summary>
internal static class DialectHttpContextExtensions
{
    /// <summary>The authenticated caller; the platform sets it before any endpoint runs.</summary>
    public static DialectCaller Caller(this HttpContext context) =>
        context.Features.Get<DialectCaller>() ?? throw new InvalidOperationException("No caller: the endpoint is not behind the dialect platform.");

    /// <summary>The chaos decided for this request; endpoints pass it on explicitly (order book, search).</summary>
    public static ChaosDecision Chaos(this HttpContext context) => context.Features.Get<ChaosDecision>() ?? ChaosDecision.None;
}
