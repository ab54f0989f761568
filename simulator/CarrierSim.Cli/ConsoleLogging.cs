using CarrierSim.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace CarrierSim.Cli;

/// <summary>How <c>serve</c> writes its logs: <c>text</c> (one plain line each) or <c>json</c> (one JSON object per line).</summary>
internal enum LogFormat
{
    Text,
    Json,
}

/// <summary><c>serve</c>'s console logging: the request log at Information, everything else from Warning up.</summary>
internal static class ConsoleLogging
{
    /// <param name="logging">The host's logging.</param>
    /// <param name="format">Plain lines or JSON lines.</param>
    /// <param name="quiet">No request log.</param>
    /// <param name="started">
    /// False while the host starts: Kestrel and the host then log a failure to start (a port in use…) with its
    /// stack trace, which <c>serve</c> reports itself in one line.
    /// </param>
    public static void Configure(ILoggingBuilder logging, LogFormat format, bool quiet, Func<bool> started)
    {
        logging.ClearProviders();
        logging.AddFilter(RequestLog.Category, quiet ? LogLevel.None : LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", level => level >= LogLevel.Warning && started());
        logging.AddFilter("Microsoft.Extensions.Hosting", level => level >= LogLevel.Warning && started());
        if (format == LogFormat.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            logging.AddConsole(o => o.FormatterName = PlainLineFormatter.FormatterName).AddConsoleFormatter<PlainLineFormatter, ConsoleFormatterOptions>();

            // The request lines in the same text, but a batch per write: through the console logger they cost a
            // write per request on a queue and thread of its own (docs/benchmarks.md, third round).
            logging.Services.AddSingleton<IRequestLogText, StandardOutputRequestLog>();
        }

        // Problems go to standard error, so standard output holds only the banner and the request log.
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Warning);
    }
}

/// <summary>
/// One line per entry, without colour: a request as its message alone (it carries its own time), anything
/// else as <c>level: category: message</c> with the exception's message but not its stack trace.
/// </summary>
internal sealed class PlainLineFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "carriersim";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Category == RequestLog.Category)
        {
            textWriter.WriteLine(message);
            return;
        }

        var level = logEntry.LogLevel switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
        textWriter.Write($"{level}: {logEntry.Category}: {message}");
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write($" ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")})");
        }

        textWriter.WriteLine();
    }
}

/// <summary>The request log's batches on standard output, in one write each.</summary>
internal sealed class StandardOutputRequestLog : IRequestLogText
{
    public void Write(string lines)
    {
        var output = Console.Out;
        output.Write(lines);
        output.Flush();
    }
}
