namespace CarrierSim.Contracts.Tests.Dialects;

/// <summary>Runs contract cases against the Pact mock server and writes the pact files.</summary>
internal static class PactGenerator
{
    /// <summary>
    /// One pact and one mock server per case: interactions of the same endpoint differ only by provider state,
    /// so a single server could not tell them apart. Each case's interaction is written (merged) into
    /// <paramref name="pactDirectory"/> only after its server saw exactly the expected request.
    /// </summary>
    public static async Task RunAsync(ContractCase contractCase, string? pactDirectory, CancellationToken cancellationToken)
    {
        using var pact = new PactBuilder(DialectContracts.Consumer, contractCase.Dialect);
        contractCase.Define(pact);
        using var server = pact.StartMockServer();
        using (var client = new HttpClient { BaseAddress = server.BaseUri })
        {
            try
            {
                await contractCase.ExerciseAsync(client, cancellationToken);
            }
            catch (Exception ex) when (server.GetMismatches() is { Count: > 0 } mismatches)
            {
                throw new InvalidOperationException(
                    $"{contractCase}: the request did not match the contract: {string.Join("; ", mismatches)}", ex);
            }
        }

        server.VerifyAllRequestsMatched();
        if (pactDirectory is not null)
        {
            server.WritePactFile(pactDirectory, merge: true);
        }
    }

    /// <summary>Writes <c>carriersim-docs-{dialect}.json</c> into <paramref name="directory"/> (which must start empty).</summary>
    public static async Task<string> GenerateAsync(string dialect, string directory, CancellationToken cancellationToken)
    {
        if (Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new InvalidOperationException($"{directory} is not empty; merging into an old pact would keep stale interactions.");
        }

        foreach (var contractCase in DialectContracts.ByDialect[dialect])
        {
            await RunAsync(contractCase, directory, cancellationToken);
        }

        return Path.Combine(directory, $"{DialectContracts.Consumer}-{dialect}.json");
    }
}
