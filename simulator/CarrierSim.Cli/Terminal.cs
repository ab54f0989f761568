using Spectre.Console;

namespace CarrierSim.Cli;

/// <summary>Where the CLI writes for people: Spectre.Console over the current standard output.</summary>
internal static class Terminal
{
    /// <summary>
    /// Colour and other escape codes only when standard output is a terminal and <c>NO_COLOR</c> is unset
    /// (https://no-color.org): redirected output is read by tools and files, not people.
    /// </summary>
    public static bool UseColour =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>A Spectre console over <see cref="Console.Out"/> as it is now (tests swap it).</summary>
    public static IAnsiConsole Create()
    {
        var colour = UseColour;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!colour)
        {
            // A pipe or file has no width: do not wrap tables at Spectre's 80-column fallback.
            console.Profile.Width = 200;
        }

        return console;
    }
}
