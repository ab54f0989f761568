using System.CommandLine;
using CarrierSim.CatalogBuilder;
using CarrierSim.Core.Numbering;

var repositoryRoot = RepositoryPaths.FindRepositoryRoot(Environment.CurrentDirectory)
    ?? RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory);

var sourceOption = new Option<DirectoryInfo?>("--source")
{
    Description = "The numbering source data (default: <repo>/../shared/data/numbering).",
};
var outOption = new Option<FileInfo?>("--out")
{
    Description = $"Where to write the catalog (default: <repo>/{RepositoryPaths.CatalogRelativePath}).",
};
var npmOption = new Option<DirectoryInfo?>("--npm")
{
    Description = $"The folder pinning the zipcodes npm package (default: <repo>/{RepositoryPaths.NpmRelativePath}).",
};
var catalogOption = new Option<FileInfo?>("--catalog")
{
    Description = $"The catalog to measure (default: <repo>/{RepositoryPaths.CatalogRelativePath}).",
};

var build = new Command("build", "Derive the numbering catalog from the source data and write it.") { sourceOption, outOption, npmOption };
build.SetAction(parse =>
{
    var root = RequireRoot(parse.GetValue(sourceOption) is null || parse.GetValue(outOption) is null || parse.GetValue(npmOption) is null);
    var source = parse.GetValue(sourceOption)?.FullName ?? RepositoryPaths.SourceDirectory(root!);
    var output = parse.GetValue(outOption)?.FullName ?? RepositoryPaths.CatalogPath(root!);
    var npm = parse.GetValue(npmOption)?.FullName ?? RepositoryPaths.NpmDirectory(root!);
    if (!Directory.Exists(source))
    {
        Console.Error.WriteLine($"The source data folder '{source}' does not exist; pass --source.");
        return 2;
    }

    var result = new CatalogBuilder(new CatalogBuilderOptions(source, npm)).Build(Console.Out);
    using var buffer = new MemoryStream();
    result.Catalog.Write(buffer);
    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
    File.WriteAllBytes(output, buffer.ToArray());
    Console.WriteLine($"Wrote {output}");
    Console.WriteLine();
    CatalogSummary.PrintBuildReport(result.Report, Console.Out);
    Console.WriteLine();
    CatalogSummary.Print(result.Catalog, buffer.Length, Console.Out);
    return 0;
});

var coverage = new Command("coverage", "Print the figures of a built catalog: counts, ranges, coverage and size.") { catalogOption };
coverage.SetAction(parse =>
{
    var path = parse.GetValue(catalogOption)?.FullName ?? RepositoryPaths.CatalogPath(RequireRoot(true)!);
    if (!File.Exists(path))
    {
        Console.Error.WriteLine($"No catalog at '{path}'; run 'build' first or pass --catalog.");
        return 2;
    }

    using var stream = File.OpenRead(path);
    var catalog = NumberingCatalog.Read(stream);
    Console.WriteLine($"Catalog {path}");
    CatalogSummary.Print(catalog, new FileInfo(path).Length, Console.Out);
    return 0;
});

var rootCommand = new RootCommand("Builds CarrierSim's numbering catalog (see docs/catalog.md).") { build, coverage };
return rootCommand.Parse(args).Invoke();

string? RequireRoot(bool needed) =>
    !needed || repositoryRoot is not null
        ? repositoryRoot
        : throw new InvalidOperationException("Run this from inside the CarrierSim repository (the folder with Simulator.sln), or pass every path explicitly.");
