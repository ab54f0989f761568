namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>All dialect contracts. The consumer is always carriersim-docs; the provider is the dialect id.</summary>
internal static class DialectContracts
{
    public const string Consumer = "carriersim-docs";

    public static IReadOnlyDictionary<string, IReadOnlyList<ContractCase>> ByDialect { get; } =
        new Dictionary<string, IReadOnlyList<ContractCase>>(StringComparer.Ordinal)
        {
            [DialStackContract.Dialect] = DialStackContract.Cases,
            [AgentMessageContract.Dialect] = AgentMessageContract.Cases,
            [DialNexaContract.Dialect] = DialNexaContract.Cases,
            [IdentityCallContract.Dialect] = IdentityCallContract.Cases,
            [TelnyxContract.Dialect] = TelnyxContract.Cases,
            [PlivoContract.Dialect] = PlivoContract.Cases,
            [BandwidthContract.Dialect] = BandwidthContract.Cases,
            [TwilioContract.Dialect] = TwilioContract.Cases,
        };

    public static ContractCase Find(string dialect, string description) =>
        ByDialect[dialect].Single(c => c.Description == description);
}
