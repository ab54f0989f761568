namespace CarrierSim.CatalogBuilder;

/// <summary>The repository's layout as the builder and its tests see it.</summary>
internal static class RepositoryPaths
{
    public const string CatalogRelativePath = "simulator/CarrierSim.Core/Numbering/Data/catalog.bin.gz";

    public const string NpmRelativePath = "tools/CarrierSim.CatalogBuilder/npm";

    /// <summary>The folder holding Simulator.sln, found by walking up from <paramref name="start"/>; null when there is none.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Simulator.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>The numbering source data, which lives beside the repository: <c>&lt;repo&gt;/../shared/data/numbering</c>.</summary>
    public static string SourceDirectory(string repositoryRoot) =>
        Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "data", "numbering"));

    public static string CatalogPath(string repositoryRoot) => Path.Combine(repositoryRoot, CatalogRelativePath);

    public static string NpmDirectory(string repositoryRoot) => Path.Combine(repositoryRoot, NpmRelativePath);
}
