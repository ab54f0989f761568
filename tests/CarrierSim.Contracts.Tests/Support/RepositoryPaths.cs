using CarrierSim.Contracts.Tests.Dialects;

namespace CarrierSim.Contracts.Tests.Support;

/// <summary>Locates the repository from the test output folder (the folder that holds Simulator.sln).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string PactsDirectory => Path.Combine(Root, "contracts", "pacts");

    public static string PactFile(string dialect) => Path.Combine(PactsDirectory, dialect, $"{DialectContracts.Consumer}-{dialect}.json");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Simulator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Simulator.sln above {AppContext.BaseDirectory}.");
    }
}
