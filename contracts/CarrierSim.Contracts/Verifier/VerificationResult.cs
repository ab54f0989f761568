using System.Globalization;
using System.Text;

namespace CarrierSim.Contracts;

/// <summary>The outcome of a <see cref="PactVerifier"/> run.</summary>
public sealed class VerificationResult
{
    internal VerificationResult(
        string providerName,
        Uri providerBaseUrl,
        int engineExitCode,
        IReadOnlyList<InteractionVerification> interactions,
        IReadOnlyList<string> errors,
        string output,
        string json,
        DateTimeOffset startedAt,
        TimeSpan duration)
    {
        ProviderName = providerName;
        ProviderBaseUrl = providerBaseUrl;
        EngineExitCode = engineExitCode;
        Interactions = interactions;
        Errors = errors;
        Output = output;
        Json = json;
        StartedAt = startedAt;
        Duration = duration;
    }

    /// <summary>The provider name that selected the pacts.</summary>
    public string ProviderName { get; }

    /// <summary>The base URL the interactions were replayed against.</summary>
    public Uri ProviderBaseUrl { get; }

    /// <summary>The engine's own verdict: 0 all passed, 1 verification failed, 2 the verification could not run.</summary>
    public int EngineExitCode { get; }

    /// <summary>Each verified interaction, in the engine's order.</summary>
    public IReadOnlyList<InteractionVerification> Interactions { get; }

    /// <summary>Problems not tied to a verified interaction (a pact that could not be loaded, for instance).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The engine's human-readable report (it also prints it to the process's standard output).</summary>
    public string Output { get; }

    /// <summary>The engine's JSON report, as returned by <c>pactffi_verifier_json</c>; write it out for <c>--json</c>.</summary>
    public string Json { get; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>How many interactions were verified.</summary>
    public int VerifiedCount => Interactions.Count;

    /// <summary>How many verified interactions failed (pending ones included).</summary>
    public int FailedCount => Interactions.Count(i => !i.Passed);

    /// <summary>
    /// True only when the engine reported success, at least one interaction was verified and none failed
    /// (pending ones excepted). Zero interactions verified is a failure: it means the provider name, the pact
    /// paths or the filters selected nothing.
    /// </summary>
    public bool Succeeded =>
        EngineExitCode == 0 && VerifiedCount > 0 && Errors.Count == 0 && Interactions.All(i => i.Passed || i.Pending);

    /// <summary>JUnit XML for CI systems (libpact_ffi 0.5.8 has no JUnit writer; this one follows the Pact CLI's layout).</summary>
    /// <returns>The XML document as text.</returns>
    public string ToJUnitXml() => JUnitReport.Write(this);

    /// <summary>A readable report: the verdict, the counts, and each interaction with its mismatches.</summary>
    /// <returns>Multi-line text.</returns>
    public string FormatReport()
    {
        var report = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        report.Append(culture, $"Pact verification of '{ProviderName}' at {ProviderBaseUrl}: {(Succeeded ? "PASSED" : "FAILED")}").AppendLine();
        if (VerifiedCount == 0)
        {
            report.AppendLine("No interactions were verified, which counts as a failure: check the provider name (pacts are selected by it), the pact paths and the filters.");
        }
        else
        {
            report.Append(culture, $"{VerifiedCount} interaction(s) verified: {VerifiedCount - FailedCount} passed, {FailedCount} failed.").AppendLine();
        }

        if (EngineExitCode == 2)
        {
            report.AppendLine("The engine could not run the verification; its output follows the list.");
        }

        foreach (var interaction in Interactions)
        {
            report.AppendLine()
                .Append(interaction.Passed ? "  PASS  " : interaction.Pending ? "  PEND  " : "  FAIL  ")
                .Append(interaction.Description);
            if (interaction.ProviderStates.Count > 0)
            {
                report.Append("  (given ").Append(string.Join(" and ", interaction.ProviderStates)).Append(')');
            }

            foreach (var mismatch in interaction.Mismatches)
            {
                report.AppendLine().Append("          - ").Append(mismatch);
            }
        }

        foreach (var error in Errors)
        {
            report.AppendLine().Append("  ERROR ").Append(error);
        }

        if (EngineExitCode == 2 && Output.Length > 0)
        {
            report.AppendLine().AppendLine().Append(Output.TrimEnd());
        }

        return report.AppendLine().ToString();
    }
}
