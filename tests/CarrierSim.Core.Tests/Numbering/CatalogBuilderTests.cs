using CarrierSim.CatalogBuilder;
using CarrierSim.CatalogBuilder.Us;
using CarrierSim.Core.Numbering;
using Builder = CarrierSim.CatalogBuilder.CatalogBuilder;

namespace CarrierSim.Core.Tests.Numbering;

/// <summary>Rebuilds the catalog once (a few seconds) for all of <see cref="CatalogBuilderTests"/>.</summary>
public sealed class RebuiltCatalogFixture
{
    private readonly Lazy<(CatalogBuildResult Result, byte[] Bytes)> _build = new(() =>
    {
        var result = new Builder(new CatalogBuilderOptions(
            NumberingTestPaths.SourceDirectory,
            RepositoryPaths.NpmDirectory(NumberingTestPaths.RepositoryRoot))).Build();
        using var buffer = new MemoryStream();
        result.Catalog.Write(buffer);
        return (result, buffer.ToArray());
    });

    internal CatalogBuildResult Result => _build.Value.Result;

    public byte[] Bytes => _build.Value.Bytes;
}

public sealed class CatalogBuilderTests(RebuiltCatalogFixture fixture) : IClassFixture<RebuiltCatalogFixture>
{
    [Fact]
    public void Build_FromSharedSources_ReproducesCommittedCatalogByteForByte()
    {
        NumberingTestPaths.SkipWithoutSources();

        var committed = File.ReadAllBytes(NumberingTestPaths.CommittedCatalog);

        Assert.True(
            committed.AsSpan().SequenceEqual(fixture.Bytes),
            $"Rebuilding gives {fixture.Bytes.Length:N0} bytes that differ from the committed {committed.Length:N0}: run 'dotnet run --project tools/CarrierSim.CatalogBuilder -- build' and commit {RepositoryPaths.CatalogRelativePath}.");
    }

    [Fact]
    public void EmbeddedResource_IsTheCommittedCatalog()
    {
        using var resource = typeof(NumberingCatalog).Assembly.GetManifestResourceStream("CarrierSim.Core.Numbering.catalog.bin.gz");
        Assert.NotNull(resource);
        using var embedded = new MemoryStream();
        resource.CopyTo(embedded);

        Assert.Equal(File.ReadAllBytes(NumberingTestPaths.CommittedCatalog), embedded.ToArray());
    }

    [Fact]
    public void Build_JoinsNearlyEveryGeocodedLocalityToARateCenter()
    {
        NumberingTestPaths.SkipWithoutSources();

        var joins = fixture.Result.Report.GeocodedJoins;
        var total = joins.Values.Sum();

        Assert.True(total > 40_000, $"only {total} city-level exchanges");
        Assert.True(joins[JoinMethod.Unmatched] < total / 100, $"{joins[JoinMethod.Unmatched]} of {total} unmatched");
        Assert.True(joins[JoinMethod.ExactName] > total * 8 / 10, $"{joins[JoinMethod.ExactName]} of {total} by exact name");
    }

    [Fact]
    public void Build_SynthesizesAtMostTheCapPerNpa()
    {
        NumberingTestPaths.SkipWithoutSources();

        var synthesized = fixture.Result.Report.SynthesizedExchangesByNpa;

        Assert.Contains(984, synthesized.Keys);
        Assert.DoesNotContain(919, synthesized.Keys);
        Assert.All(synthesized, p => Assert.InRange(p.Value, 1, UsExchangeBuilder.MaxSynthesizedExchangesPerNpa));
    }

    [Fact]
    public void Build_WritesTheAttributionWithPinnedVersions()
    {
        NumberingTestPaths.SkipWithoutSources();

        var attribution = fixture.Result.Catalog.Attribution;

        Assert.StartsWith(Builder.SourceAttribution, attribution, StringComparison.Ordinal);
        Assert.Contains("zipcodes " + fixture.Result.Report.ZipcodesVersion, attribution, StringComparison.Ordinal);
        Assert.Contains("libphonenumber-csharp 9.0.43", attribution, StringComparison.Ordinal);
    }
}
