using System.Reflection;

namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>
/// All dialect contracts. The consumer is always carriersim-docs; the provider is the dialect id. A contract is a
/// static class in this folder with a <c>Dialect</c> constant, a <c>Cases</c> list and an <c>AssertCredentials</c>
/// check; it is found by reflection, so adding a dialect's contract touches no shared file.
/// </summary>
internal static class DialectContracts
{
    public const string Consumer = "carriersim-docs";

    private static readonly Lazy<IReadOnlyList<Type>> Types = new(() => [.. typeof(DialectContracts).Assembly.GetTypes()
        .Where(t => t.IsAbstract && t.IsSealed && t.Namespace == typeof(DialectContracts).Namespace)
        .Where(t => t.GetProperty("Cases", BindingFlags.Public | BindingFlags.Static)?.PropertyType == typeof(IReadOnlyList<ContractCase>))]);

    public static IReadOnlyDictionary<string, IReadOnlyList<ContractCase>> ByDialect { get; } = Types.Value.ToDictionary(
        t => (string)t.GetField("Dialect", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!,
        t => (IReadOnlyList<ContractCase>)t.GetProperty("Cases", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!,
        StringComparer.Ordinal);

    public static ContractCase Find(string dialect, string description) =>
        ByDialect[dialect].Single(c => c.Description == description);

    /// <summary>Runs the dialect contract's own check of the credentials its requests carry.</summary>
    public static void AssertCredentials(string dialect, IReadOnlyList<(string Name, string Value)> headers)
    {
        var contract = Types.Value.Single(t => (string)t.GetField("Dialect")!.GetRawConstantValue()! == dialect);
        var check = contract.GetMethod("AssertCredentials", BindingFlags.Public | BindingFlags.Static, [typeof(IReadOnlyList<(string Name, string Value)>)])
            ?? throw new Xunit.Sdk.XunitException($"{contract.Name} has no public static AssertCredentials(IReadOnlyList<(string Name, string Value)> headers): add one.");
        try
        {
            check.Invoke(null, [headers]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
        }
    }
}
