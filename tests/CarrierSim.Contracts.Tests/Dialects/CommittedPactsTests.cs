using System.Text;
using System.Text.Json.Nodes;
using CarrierSim.Contracts.Tests.Support;

namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>
/// The committed pacts under contracts/pacts must be exactly what the consumer tests generate.
/// <c>UPDATE_PACTS=1 dotnet test --project tests/CarrierSim.Contracts.Tests</c> rewrites them.
/// </summary>
public sealed class CommittedPactsTests
{
    public static TheoryData<string> Dialects() => new(DialectContracts.ByDialect.Keys.Order());

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task CommittedPactMatchesTheGeneratedOne(string dialect)
    {
        using var temp = new TemporaryDirectory();
        var generated = await PactGenerator.GenerateAsync(dialect, temp.Path, TestContext.Current.CancellationToken);
        var committed = RepositoryPaths.PactFile(dialect);

        if (Environment.GetEnvironmentVariable("UPDATE_PACTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(committed)!);
            var staging = committed + ".tmp";
            File.Copy(generated, staging, overwrite: true);
            File.Move(staging, committed, overwrite: true); // atomic: other tests read the committed file meanwhile
            TestContext.Current.SendDiagnosticMessage($"UPDATE_PACTS=1: rewrote {committed}");
            return;
        }

        Assert.True(File.Exists(committed), $"{committed} is missing. Run: UPDATE_PACTS=1 dotnet test --project tests/CarrierSim.Contracts.Tests");
        var difference = PactDifference(await File.ReadAllTextAsync(committed, TestContext.Current.CancellationToken), await File.ReadAllTextAsync(generated, TestContext.Current.CancellationToken));
        Assert.True(difference is null, $"{committed} is out of date ({difference}). Review the change, then run: UPDATE_PACTS=1 dotnet test --project tests/CarrierSim.Contracts.Tests");
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void CommittedPactNamesConsumerProviderAndSpecification(string dialect)
    {
        var pact = JsonNode.Parse(File.ReadAllText(RepositoryPaths.PactFile(dialect)))!;
        Assert.Equal(DialectContracts.Consumer, (string?)pact["consumer"]!["name"]);
        Assert.Equal(dialect, (string?)pact["provider"]!["name"]);
        Assert.Equal("4.0", (string?)pact["metadata"]!["pactSpecification"]!["version"]);
        var descriptions = pact["interactions"]!.AsArray().Select(i => (string)i!["description"]!).ToList();
        Assert.Equal(DialectContracts.ByDialect[dialect].Select(c => c.Description).Order(StringComparer.Ordinal), descriptions);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(RepositoryPaths.PactFile(dialect))!));
    }

    [Fact]
    public void PactDifference_IgnoresEngineVersionButNotContent()
    {
        const string a = """{"consumer":{"name":"c"},"interactions":[{"description":"x","response":{"status":200}}],"metadata":{"pactRust":{"ffi":"0.5.8"},"pactSpecification":{"version":"4.0"}},"provider":{"name":"p"}}""";
        var otherEngine = a.Replace("0.5.8", "0.5.9", StringComparison.Ordinal);
        var otherStatus = a.Replace("200", "201", StringComparison.Ordinal);

        Assert.Null(PactDifference(a, otherEngine));
        Assert.Contains("'x'", PactDifference(a, otherStatus), StringComparison.Ordinal);
    }

    /// <summary>Null when equal once the engine's version stamp is removed; otherwise which interactions differ.</summary>
    internal static string? PactDifference(string committedJson, string generatedJson)
    {
        var committed = Normalise(committedJson);
        var generated = Normalise(generatedJson);
        if (JsonNode.DeepEquals(committed, generated))
        {
            return null;
        }

        var committedInteractions = Interactions(committed);
        var generatedInteractions = Interactions(generated);
        var report = new StringBuilder();
        foreach (var name in committedInteractions.Keys.Except(generatedInteractions.Keys))
        {
            report.Append($"removed '{name}'; ");
        }

        foreach (var name in generatedInteractions.Keys.Except(committedInteractions.Keys))
        {
            report.Append($"added '{name}'; ");
        }

        foreach (var name in committedInteractions.Keys.Intersect(generatedInteractions.Keys))
        {
            if (!JsonNode.DeepEquals(committedInteractions[name], generatedInteractions[name]))
            {
                report.Append($"changed '{name}'; ");
            }
        }

        return report.Length == 0 ? "the pact's header or interaction order changed" : report.ToString().TrimEnd(' ', ';');
    }

    private static JsonNode Normalise(string json)
    {
        var node = JsonNode.Parse(json)!;
        // The engine stamps its own version; an engine upgrade alone is not a contract change.
        node["metadata"]?.AsObject().Remove("pactRust");
        return node;
    }

    private static Dictionary<string, JsonNode?> Interactions(JsonNode pact) =>
        (pact["interactions"]?.AsArray() ?? []).ToDictionary(i => (string?)i?["description"] ?? "?", i => i);
}
