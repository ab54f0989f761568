using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace CarrierSim.Packaging.Tests;

/// <summary>
/// Packs every package and the tool once, with `dotnet pack --no-build` from the build this test project depends on,
/// into a feed folder under a temporary directory that is deleted afterwards.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    /// <summary>The packable projects, relative to the repository root, and the package id each one makes.</summary>
    internal static readonly IReadOnlyList<(string Project, string Id)> Packages =
    [
        ("simulator/CarrierSim.Core/CarrierSim.Core.csproj", "CarrierSim.Core"),
        ("simulator/CarrierSim.Postgres/CarrierSim.Postgres.csproj", "CarrierSim.Postgres"),
        ("simulator/CarrierSim.AdminClient/CarrierSim.AdminClient.csproj", "CarrierSim.AdminClient"),
        ("simulator/CarrierSim.Server/CarrierSim.Server.csproj", "CarrierSim.Server"),
        ("simulator/CarrierSim.Testing/CarrierSim.Testing.csproj", "CarrierSim.Testing"),
        ("simulator/CarrierSim.Testcontainers/CarrierSim.Testcontainers.csproj", "CarrierSim.Testcontainers"),
        ("contracts/CarrierSim.Contracts/CarrierSim.Contracts.csproj", "CarrierSim.Contracts"),
        ("simulator/CarrierSim.Cli/CarrierSim.Cli.csproj", "carrier-sim"),
    ];

    public string Root { get; } = FindRoot();

    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("carriersim-packaging-").FullName;

    public string Feed => Path.Combine(WorkDirectory, "feed");

    /// <summary>The one version, read from Directory.Build.props (VersionPrefix).</summary>
    public string Version { get; private set; } = "";

    public string Configuration { get; } =
        typeof(PackedFeed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public async ValueTask InitializeAsync()
    {
        Version = XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;
        Progress.Write($"packing {Packages.Count} packages, version {Version}, configuration {Configuration}, into {Feed}");
        Directory.CreateDirectory(Feed);
        foreach (var (project, _) in Packages)
        {
            (await Command.RunAsync(
                Command.Dotnet,
                ["pack", Path.Combine(Root, project), "--no-build", "-c", Configuration, "-o", Feed, "-nologo", "-v", "quiet", "-clp:ErrorsOnly"],
                Root,
                TimeSpan.FromMinutes(5))).EnsureSuccess();
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A child may still hold a file for a moment; the folder is under the temp directory anyway.
        }

        return ValueTask.CompletedTask;
    }

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>The package's entries, with forward slashes.</summary>
    public IReadOnlyList<string> Entries(string id)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    public XElement Nuspec(string id)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = entry.Open();
        var root = XDocument.Load(stream).Root!;
        return root.Elements().Single(e => e.Name.LocalName == "metadata");
    }

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
