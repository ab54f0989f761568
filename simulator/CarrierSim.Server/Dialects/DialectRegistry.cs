using CarrierSim.Core.Chaos;
using CarrierSim.Server.Dialects.AgentMessage;
using CarrierSim.Server.Dialects.Bandwidth;
using CarrierSim.Server.Dialects.DialNexa;
using CarrierSim.Server.Dialects.DialStack;
using CarrierSim.Server.Dialects.IdentityCall;
using CarrierSim.Server.Dialects.Plivo;
using CarrierSim.Server.Dialects.Telnyx;
using CarrierSim.Server.Dialects.Twilio;
using CarrierSim.Server.Http;

namespace CarrierSim.Server.Dialects;

/// <summary>One registered dialect: what the host knows before building any service.</summary>
internal sealed record DialectRegistration(
    string Id, Type Type, Func<string?, string?, IReadOnlyDictionary<string, string>> Credentials, DialectCapabilities Capabilities, Func<ChaosKind, string?> DescribeChaos)
{
    public static DialectRegistration Of<T>()
        where T : class, IDialect, IDialectModule => new(T.Id, typeof(T), T.ExampleCredentials, T.Capabilities, T.DescribeChaos);
}

/// <summary>
/// Every dialect the simulator serves, one line each. Options validation, the CLI, the testing
/// hosts, <c>/__admin/info</c>, the banner and the docs tests all derive their lists from here.
/// </summary>
internal static class DialectRegistry
{
    public static IReadOnlyList<DialectRegistration> All { get; } =
    [
        DialectRegistration.Of<DialStackDialect>(),
        DialectRegistration.Of<AgentMessageDialect>(),
        DialectRegistration.Of<DialNexaDialect>(),
        DialectRegistration.Of<IdentityCallDialect>(),
        DialectRegistration.Of<TelnyxDialect>(),
        DialectRegistration.Of<PlivoDialect>(),
        DialectRegistration.Of<BandwidthDialect>(),
        DialectRegistration.Of<TwilioDialect>(),
    ];

    public static IReadOnlyList<string> Ids { get; } = [.. All.Select(d => d.Id)];

    public static DialectRegistration? Find(string id) => All.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));
}
