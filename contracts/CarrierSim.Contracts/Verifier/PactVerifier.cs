using System.Diagnostics;
using System.Reflection;
using CarrierSim.Contracts.Interop;

namespace CarrierSim.Contracts;

/// <summary>
/// Verifies a provider against pact files: replays each interaction's request (after setting up its provider
/// states) and compares the response with the contract.
/// </summary>
/// <example>
/// <code>
/// var result = await new PactVerifier(new VerificationOptions
/// {
///     ProviderName = "dialstack",
///     ProviderBaseUrl = new Uri("http://127.0.0.1:8080/dialstack"),
///     PactDirectories = ["contracts/pacts/dialstack"],
///     StateChangeUrl = new Uri("http://127.0.0.1:8080/__admin/provider-states"),
/// }).VerifyAsync();
/// Console.WriteLine(result.FormatReport());
/// return result.Succeeded ? 0 : 1;
/// </code>
/// </example>
public sealed class PactVerifier
{
    private const string ApplicationName = "carriersim-contracts";

    private readonly VerificationOptions _options;
    private readonly Func<IPactInterop> _interop;

    /// <summary>Creates a verifier driven by the real Pact engine.</summary>
    /// <param name="options">What to verify and against what.</param>
    /// <exception cref="ArgumentException">The options are incomplete or inconsistent.</exception>
    /// <exception cref="FileNotFoundException">A pact file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">A pact folder does not exist.</exception>
    public PactVerifier(VerificationOptions options)
        : this(options, () => NativePactInterop.Instance)
    {
    }

    internal PactVerifier(VerificationOptions options, Func<IPactInterop> interop)
    {
        Validate(options);
        _options = options;
        _interop = interop;
    }

    /// <summary>
    /// Runs the verification on a dedicated thread (the engine blocks until every interaction is done). It
    /// does not throw for a failing provider: inspect <see cref="VerificationResult.Succeeded"/>.
    /// </summary>
    /// <returns>The result, with a per-interaction breakdown.</returns>
    /// <exception cref="PactException">The engine could not be loaded or refused to create a verifier.</exception>
    public async Task<VerificationResult> VerifyAsync()
    {
        StateChangeRelay? relay = null;
        if (_options.StateChangeUrl is { } stateChangeUrl && _options.StateChangeHeaders.Count > 0)
        {
            relay = StateChangeRelay.Start(stateChangeUrl, _options.StateChangeHeaders, _options.RequestTimeout);
        }

        try
        {
            var stateChangeAddress = relay?.Address ?? _options.StateChangeUrl;
            return await Task.Factory.StartNew(() => Run(stateChangeAddress), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .ConfigureAwait(false);
        }
        finally
        {
            if (relay is not null)
            {
                await relay.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private VerificationResult Run(Uri? stateChangeAddress)
    {
        var interop = _interop();
        var startedAt = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var handle = interop.VerifierNew(ApplicationName, ApplicationVersion());
        if (handle == 0)
        {
            throw new PactException("The Pact engine could not create a verifier.");
        }

        try
        {
            var url = _options.ProviderBaseUrl;
            interop.VerifierSetProviderInfo(handle, _options.ProviderName, url.Scheme, url.Host, (ushort)url.Port, BasePath(url));
            if (stateChangeAddress is not null)
            {
                interop.VerifierSetProviderState(handle, stateChangeAddress.AbsoluteUri, _options.StateChangeTeardown, asBody: true);
            }

            interop.VerifierSetVerificationOptions(handle, disableSslVerification: false, (ulong)_options.RequestTimeout.TotalMilliseconds);
            interop.VerifierSetColouredOutput(handle, coloured: false);
            interop.VerifierSetNoPactsIsError(handle, isError: true);
            if (_options.FilterDescription is not null || _options.FilterState is not null || _options.FilterNoState)
            {
                interop.VerifierSetFilterInfo(handle, _options.FilterDescription, _options.FilterState, _options.FilterNoState);
            }

            foreach (var file in _options.PactFiles)
            {
                interop.VerifierAddFileSource(handle, Path.GetFullPath(file));
            }

            foreach (var directory in _options.PactDirectories)
            {
                interop.VerifierAddDirectorySource(handle, Path.GetFullPath(directory));
            }

            var exitCode = interop.VerifierExecute(handle);
            var json = interop.VerifierJson(handle);
            var output = interop.VerifierOutput(handle, stripAnsi: true) ?? string.Empty;
            stopwatch.Stop();
            return VerifierJsonReader.Read(_options, exitCode, json, output, startedAt, stopwatch.Elapsed);
        }
        finally
        {
            interop.VerifierShutdown(handle);
        }
    }

    /// <summary>The engine appends each interaction's path to this; "/" and "" both mean the root.</summary>
    internal static string BasePath(Uri baseUrl)
    {
        var path = baseUrl.AbsolutePath.TrimEnd('/');
        return path.Length == 0 ? "/" : path;
    }

    private static string ApplicationVersion() =>
        typeof(PactVerifier).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static void Validate(VerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ProviderName, $"{nameof(options)}.{nameof(options.ProviderName)}");
        ArgumentNullException.ThrowIfNull(options.ProviderBaseUrl, $"{nameof(options)}.{nameof(options.ProviderBaseUrl)}");
        if (!options.ProviderBaseUrl.IsAbsoluteUri || options.ProviderBaseUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The provider base URL must be an absolute http or https URL, not '{options.ProviderBaseUrl}'.", nameof(options));
        }

        if (!string.IsNullOrEmpty(options.ProviderBaseUrl.Query))
        {
            throw new ArgumentException("The provider base URL cannot have a query string.", nameof(options));
        }

        if (options.StateChangeUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("The state-change URL must be absolute.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.StateChangeHeaders, $"{nameof(options)}.{nameof(options.StateChangeHeaders)}");
        if (options.StateChangeHeaders.Count > 0 && options.StateChangeUrl is null)
        {
            throw new ArgumentException("State-change headers need a state-change URL.", nameof(options));
        }

        if (options.PactFiles.Count + options.PactDirectories.Count == 0)
        {
            throw new ArgumentException("Give at least one pact file or pact folder.", nameof(options));
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("The request timeout must be positive.", nameof(options));
        }

        foreach (var file in options.PactFiles)
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"Pact file '{file}' does not exist.", file);
            }
        }

        foreach (var directory in options.PactDirectories)
        {
            if (!Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException($"Pact folder '{directory}' does not exist.");
            }
        }
    }
}
