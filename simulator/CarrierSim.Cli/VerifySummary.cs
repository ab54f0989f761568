using System.Globalization;
using CarrierSim.Contracts;
using Spectre.Console;

namespace CarrierSim.Cli;

/// <summary><c>verify</c>'s default output: one line per interaction, the first mismatch of each failure, then the counts.</summary>
internal static class VerifySummary
{
    public static void Write(IAnsiConsole console, VerificationResult result)
    {
        foreach (var interaction in result.Interactions)
        {
            var (label, colour) = interaction.Passed ? ("PASS", "green") : interaction.Pending ? ("PEND", "yellow") : ("FAIL", "red");
            var given = interaction.ProviderStates.Count == 0 ? "" : $"  (given {string.Join(" and ", interaction.ProviderStates)})";
            console.MarkupLine($"  [{colour}]{label}[/]  {Markup.Escape(interaction.Description)}[grey]{Markup.Escape(given)}[/]");
            if (!interaction.Passed && interaction.Mismatches.Count > 0)
            {
                var more = interaction.Mismatches.Count > 1 ? $"  (+{interaction.Mismatches.Count - 1} more; --verbose shows all)" : "";
                console.MarkupLine($"        {Markup.Escape(OneLine(First(interaction.Mismatches).ToString()))}[grey]{Markup.Escape(more)}[/]");
            }
        }

        foreach (var error in result.Errors)
        {
            console.MarkupLine($"  [red]ERROR[/] {Markup.Escape(OneLine(error))}");
        }

        var seconds = result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (result.VerifiedCount == 0)
        {
            console.MarkupLine($"[red]FAILED[/]: no interactions were verified ({seconds} s): check --dialect, --pacts and --filter.");
        }
        else
        {
            var verdict = result.Succeeded ? "[green]PASSED[/]" : "[red]FAILED[/]";
            console.MarkupLine($"{verdict}: {result.VerifiedCount - result.FailedCount} passed, {result.FailedCount} failed of {result.VerifiedCount} interaction(s) of {Markup.Escape(result.ProviderName)} ({seconds} s).");
        }

        if (result.EngineExitCode == 2 && result.Output.Length > 0)
        {
            console.WriteLine("The engine could not run the whole verification; --verbose shows its report.");
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>
    /// The mismatch to show: the engine lists body mismatches before the status, but a wrong status (a 404 where a
    /// 200 was due) explains the body, not the other way round.
    /// </summary>
    private static VerificationMismatch First(IReadOnlyList<VerificationMismatch> mismatches) =>
        mismatches.OrderBy(m => m.Kind switch
        {
            "Error" => 0,
            "StatusMismatch" => 1,
            "HeaderMismatch" => 2,
            _ => 3,
        }).First();
}
