using System.Text.RegularExpressions;
using CarrierSim.Core.Chaos;

namespace CarrierSim.Server.Tests.Docs;

/// <summary>The README's tables stay equal to their sources.</summary>
public sealed partial class ReadmeTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simulator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Simulator.sln not found above the test binaries.");
    }

    [Theory]
    [InlineData("dialstack")]
    [InlineData("agentmessage")]
    [InlineData("dialnexa")]
    [InlineData("identitycall")]
    public void EmulatedTableMatchesTheDialectNotes(string dialect)
    {
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md"));
        var notes = File.ReadAllText(Path.Combine(Root(), "docs", "dialects", dialect + ".md"));

        var table = WhatIsEmulated().Match(notes).Groups[1].Value.Trim();

        Assert.True(table.Length > 200, $"docs/dialects/{dialect}.md has no 'What is emulated' table");
        Assert.Contains(table, readme, StringComparison.Ordinal);
    }

    [Fact]
    public void MagicNumberTableMatchesTheCode()
    {
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md"));

        foreach (var (first, last, _, _) in MagicNumbers.Table)
        {
            Assert.Contains($"NPA-555-{first:D4}…{last:D4}", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void QuickStartCommandsAreTheOnesCiRuns()
    {
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md"));
        var ci = File.ReadAllText(Path.Combine(Root(), ".ci", "run"));

        Assert.Contains("dotnet run --project simulator/CarrierSim.Cli -- serve", readme, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^dotnet test\b", readme);
        Assert.Matches(@"(?m)^\s*dotnet test\b", ci);
    }

    [GeneratedRegex(@"(?ms)^## What is emulated\s*\n(.*?)(?=^## |\z)")]
    private static partial Regex WhatIsEmulated();
}
