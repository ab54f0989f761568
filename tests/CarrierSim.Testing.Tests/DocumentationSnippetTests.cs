using System.Text.RegularExpressions;

namespace CarrierSim.Testing.Tests;

/// <summary>
/// docs/use-from-tests.md quotes code from the repository. Each quoted block is introduced by
/// <c>&lt;!-- snippet: NAME (PATH) --&gt;</c> and must equal, dedented, the text between
/// <c>// begin-snippet: NAME</c> and <c>// end-snippet</c> in PATH, so the document cannot drift
/// from code that compiles and runs.
/// </summary>
public sealed partial class DocumentationSnippetTests
{
    public static TheoryData<string, string> ExpectedSnippets => new()
    {
        { "docs/use-from-tests.md", "in-process-host" },
        { "docs/use-from-tests.md", "in-memory-host" },
        { "docs/use-from-tests.md", "container-host" },
        { "README.md", "in-process-host" },
    };

    public static TheoryData<string> Documents => new() { "docs/use-from-tests.md", "README.md" };

    [Theory]
    [MemberData(nameof(ExpectedSnippets))]
    public void DocumentQuotesTheSnippet(string document, string name)
    {
        var quoted = QuotedSnippets(document);

        Assert.True(quoted.ContainsKey(name), $"{document} has no block introduced by <!-- snippet: {name} (path) -->.");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryQuotedSnippetMatchesItsSource(string document)
    {
        var quoted = QuotedSnippets(document);
        Assert.NotEmpty(quoted);

        foreach (var (name, (path, text)) in quoted)
        {
            var source = Path.Combine(RepositoryRoot, path);
            Assert.True(File.Exists(source), $"snippet '{name}' in {document} names {path}, which does not exist.");
            var expected = ExtractSnippet(File.ReadAllText(source), name, path);
            Assert.True(
                expected == text,
                $"snippet '{name}' in {document} differs from {path}; copy the code between '// begin-snippet: {name}' and '// end-snippet' into the document.\n--- source ---\n{expected}\n--- document ---\n{text}");
        }
    }

    [Fact]
    public void ExtractionDedentsAndFailsOnAMissingSnippet()
    {
        const string Source = "class C\n{\n    void M()\n    {\n        // begin-snippet: x\n        var a = 1;\n            var b = 2;\n        // end-snippet\n    }\n}\n";

        Assert.Equal("var a = 1;\n    var b = 2;", ExtractSnippet(Source, "x", "C.cs"));
        Assert.ThrowsAny<Exception>(() => ExtractSnippet(Source, "y", "C.cs"));
    }

    private static string RepositoryRoot
    {
        get
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

    private static Dictionary<string, (string Path, string Text)> QuotedSnippets(string document)
    {
        var text = Normalize(File.ReadAllText(Path.Combine(RepositoryRoot, document)));
        var snippets = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (Match match in QuotedBlock().Matches(text))
        {
            Assert.True(snippets.TryAdd(match.Groups["name"].Value, (match.Groups["path"].Value, match.Groups["code"].Value)), $"snippet '{match.Groups["name"].Value}' is quoted twice.");
        }

        return snippets;
    }

    private static string ExtractSnippet(string source, string name, string path)
    {
        var match = SourceBlock(name).Match(Normalize(source));
        Assert.True(match.Success, $"{path} has no '// begin-snippet: {name}' … '// end-snippet' block.");
        var lines = match.Groups["code"].Value.TrimEnd('\n').Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart(' ').Length);
        return string.Join('\n', lines.Select(l => l.Trim().Length == 0 ? "" : l[indent..]));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static Regex SourceBlock(string name) =>
        new($@"^[ \t]*// begin-snippet: {Regex.Escape(name)}\n(?<code>.*?)^[ \t]*// end-snippet", RegexOptions.Singleline | RegexOptions.Multiline);

    [GeneratedRegex(@"<!-- snippet: (?<name>[\w-]+) \((?<path>[^)]+)\) -->\n```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex QuotedBlock();
}
