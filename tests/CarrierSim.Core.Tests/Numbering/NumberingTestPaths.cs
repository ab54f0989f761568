using CarrierSim.CatalogBuilder;

namespace CarrierSim.Core.Tests.Numbering;

/// <summary>Where the repository and the numbering source data are, seen from the test binaries.</summary>
internal static class NumberingTestPaths
{
    public static string RepositoryRoot { get; } =
        RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No Simulator.sln above {AppContext.BaseDirectory}.");

    /// <summary><c>&lt;repo&gt;/../shared/data/numbering</c>; it lives beside the repository, not in it.</summary>
    public static string SourceDirectory => RepositoryPaths.SourceDirectory(RepositoryRoot);

    public static string CommittedCatalog => RepositoryPaths.CatalogPath(RepositoryRoot);

    public static bool SourcesAvailable => Directory.Exists(SourceDirectory);

    public static void SkipWithoutSources()
    {
        if (!SourcesAvailable)
        {
            Assert.Skip($"The numbering source data is not beside the repository ({SourceDirectory} is absent), so the catalog cannot be rebuilt or checked against it here.");
        }
    }
}
