using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace CarrierSim.Packaging.Tests;

/// <summary>The outcome of one child process: its exit code and everything it printed, interleaved.</summary>
internal sealed record CommandResult(string Display, int ExitCode, string Output)
{
    public CommandResult EnsureSuccess()
    {
        Assert.True(ExitCode == 0, $"`{Display}` exited {ExitCode}:\n{Tail(Output)}");
        return this;
    }

    internal static string Tail(string text, int lines = 80)
    {
        var all = text.ReplaceLineEndings("\n").Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}

/// <summary>
/// Runs the .NET CLI and the installed tool as child processes. Children never reuse MSBuild nodes, the MSBuild
/// server or the compiler server: a node left running would hold the redirected output open after the child exits,
/// and would outlive the test.
/// </summary>
internal static class Command
{
    /// <summary>The .NET installation that runs this test; the children use the same one.</summary>
    public static string DotnetRoot { get; } =
        Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    public static string Dotnet => Path.Combine(DotnetRoot, "dotnet");

    public static async Task<CommandResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var display = $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)}";
        Progress.Write($"$ {display}   (in {workingDirectory})");
        using var process = new Process { StartInfo = StartInfo(fileName, arguments, workingDirectory, environment) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var started = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{display}` did not finish within {timeout.TotalMinutes:0.#} min:\n{CommandResult.Tail(Snapshot(output))}");
        }

        Progress.Write($"  exit {process.ExitCode} after {started.Elapsed.TotalSeconds:0.0} s");
        return new CommandResult(display, process.ExitCode, Snapshot(output));
    }

    /// <summary>Starts a long-running child (the simulator); the caller stops it.</summary>
    public static (Process Process, StringBuilder Output) Start(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        Progress.Write($"$ {Path.GetFileName(fileName)} {string.Join(' ', arguments)} &");
        var process = new Process { StartInfo = StartInfo(fileName, arguments, workingDirectory, environment) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    public static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static ProcessStartInfo StartInfo(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // This process may itself run under `dotnet test`, whose MSBuild variables point into that build.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_ROOT"] = DotnetRoot;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["UseSharedCompilation"] = "false";
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return info;
    }
}

/// <summary>
/// Progress of a run that takes minutes, in the test output: `dotnet test --output detailed` prints it for each test,
/// and a failure prints it with the failure. Lines written while no test runs (the class fixture packing) go into
/// the output of the next test.
/// </summary>
internal static class Progress
{
    private static readonly List<string> Waiting = [];

    public static void Write(string line)
    {
        var stamped = $"[packaging {DateTime.UtcNow:HH:mm:ss}] {line}";
        lock (Waiting)
        {
            Waiting.Add(stamped);
            if (TestContext.Current.TestOutputHelper is { } output)
            {
                Waiting.ForEach(output.WriteLine);
                Waiting.Clear();
            }
        }
    }
}
