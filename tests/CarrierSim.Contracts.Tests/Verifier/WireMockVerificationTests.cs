using System.Xml.Linq;
using CarrierSim.Contracts.Tests.Dialects;
using CarrierSim.Contracts.Tests.Support;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CarrierSim.Contracts.Tests.Verifier;

/// <summary>
/// The real verifier against WireMock.Net stubs standing in for a DialNexa implementation mounted under
/// /dialnexa: one that honours the contract with different (realistic) values, and one that breaks it in
/// three ways (a missing field, a wrong status, a wrong error envelope).
/// </summary>
public sealed class WireMockVerificationTests : IDisposable
{
    private const string Search = "a search for local numbers in the US";
    private const string Purchase = "a purchase of an available number";
    private const string Kyc = "a purchase when KYC is incomplete for IN";
    private const string Json = "application/json; charset=utf-8";

    private readonly TemporaryDirectory _pacts = new();
    private readonly WireMockServer _provider = LoopbackWireMock.Start();

    public void Dispose()
    {
        _provider.Dispose();
        _pacts.Dispose();
    }

    [Fact]
    public async Task ConformingProviderPasses()
    {
        await WritePactAsync();
        StubStateChanges();
        StubSearch(includeMeta: true);
        StubPurchase(status: 201);
        StubKyc("""{"statusCode":403,"message":"Complete KYC verification for India before buying numbers there","error":"Forbidden"}""");

        var result = await VerifyAsync();

        Assert.True(result.Succeeded, result.FormatReport());
        Assert.Equal(3, result.VerifiedCount);
        Assert.Equal(0, result.FailedCount);
        Assert.All(result.Interactions, i => Assert.Empty(i.Mismatches));
        Assert.Contains("PASSED", result.FormatReport(), StringComparison.Ordinal);
        var suite = XDocument.Parse(result.ToJUnitXml()).Root!.Element("testsuite")!;
        Assert.Equal("3", (string?)suite.Attribute("tests"));
        Assert.Equal("0", (string?)suite.Attribute("failures"));
    }

    [Fact]
    public async Task NonConformingProviderFailsAndEveryMismatchIsNamed()
    {
        await WritePactAsync();
        StubStateChanges();
        StubSearch(includeMeta: false);
        StubPurchase(status: 200);
        StubKyc("""{"error":"KYC incomplete"}""");

        var result = await VerifyAsync();
        var report = result.FormatReport();

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.VerifiedCount);
        Assert.Equal(3, result.FailedCount);

        var search = Single(result, Search);
        Assert.Contains(search.Mismatches, m => m.Kind == "BodyMismatch" && m.Message.Contains("meta", StringComparison.Ordinal));

        var purchase = Single(result, Purchase);
        var status = Assert.Single(purchase.Mismatches, m => m.Kind == "StatusMismatch");
        Assert.Contains("201", status.ToString(), StringComparison.Ordinal);
        Assert.Contains("200", status.ToString(), StringComparison.Ordinal);

        var kyc = Single(result, Kyc);
        Assert.Contains(kyc.Mismatches, m => m.Kind == "BodyMismatch" && m.Message.Contains("statusCode", StringComparison.Ordinal));
        Assert.Contains(kyc.Mismatches, m => m.Path == "$.error");

        foreach (var expected in new[] { Search, Purchase, Kyc, "meta", "StatusMismatch", "statusCode", "FAILED", "3 failed" })
        {
            Assert.Contains(expected, report, StringComparison.Ordinal);
        }

        var junit = XDocument.Parse(result.ToJUnitXml()).Root!;
        Assert.Equal("3", (string?)junit.Attribute("failures"));
        Assert.Equal(3, junit.Descendants("failure").Count());
        Assert.Contains(junit.Descendants("testcase"), c => ((string?)c.Attribute("name"))!.EndsWith(" - " + Kyc, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProviderStatesArePostedWithTheirParametersBeforeEachInteraction()
    {
        await WritePactAsync();
        StubStateChanges();
        StubSearch(includeMeta: true);
        StubPurchase(status: 201);
        StubKyc("""{"statusCode":403,"message":"KYC","error":"Forbidden"}""");

        await VerifyAsync();

        var bodies = _provider.LogEntries
            .Where(e => e.RequestMessage.Path == "/__states")
            .Select(e => System.Text.Json.JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Clone())
            .ToList();
        Assert.Contains(bodies, b =>
            b.GetProperty("action").GetString() == "setup" &&
            b.GetProperty("state").GetString() == "KYC is incomplete for {country}" &&
            b.GetProperty("params").GetProperty("country").GetString() == "IN" &&
            b.GetProperty("params").GetProperty("api_key").GetString() == DialNexaContract.KycPendingKey);
        Assert.Contains(bodies, b =>
            b.GetProperty("state").GetString() == "number {number} is available" &&
            b.GetProperty("params").GetProperty("number").GetString() == "+13127445210");
    }

    [Fact]
    public async Task NothingSelectedByTheFiltersCountsAsFailure()
    {
        await WritePactAsync();
        StubStateChanges();

        var result = await VerifyAsync(filterDescription: "^no interaction is described like this$");

        Assert.Equal(0, result.VerifiedCount);
        Assert.False(result.Succeeded);
        Assert.Contains("No interactions were verified", result.FormatReport(), StringComparison.Ordinal);
        Assert.DoesNotContain(_provider.LogEntries, e => e.RequestMessage.Path.StartsWith("/dialnexa", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PactsForAnotherProviderCountAsFailure()
    {
        await WritePactAsync();

        var result = await new PactVerifier(new VerificationOptions
        {
            // Generous: the test runs beside other test assemblies on a small machine; a state change must not time out.
            RequestTimeout = TimeSpan.FromSeconds(30),
            ProviderName = "dialstack",
            ProviderBaseUrl = new Uri(_provider.BaseUri(), "/dialstack"),
            PactDirectories = [_pacts.Path],
        }).VerifyAsync();

        Assert.Equal(0, result.VerifiedCount);
        Assert.False(result.Succeeded);
        Assert.Contains("failures=\"1\"", result.ToJUnitXml(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateChangeHeaders_ReachAStateEndpointThatRequiresThem()
    {
        await WritePactAsync();
        StubProtectedStateChanges();
        StubSearch(includeMeta: true);
        StubPurchase(status: 201);
        StubKyc("""{"statusCode":403,"message":"KYC","error":"Forbidden"}""");

        var result = await VerifyAsync(stateChangeHeaders: new Dictionary<string, string> { ["Authorization"] = "Bearer admin-token" });

        Assert.True(result.Succeeded, result.FormatReport());
        var stateCalls = _provider.LogEntries.Where(e => e.RequestMessage.Path == "/__states").ToList();
        Assert.NotEmpty(stateCalls);
        Assert.All(stateCalls, e => Assert.Equal("Bearer admin-token", e.RequestMessage.Headers!["Authorization"].Single()));
    }

    [Fact]
    public async Task StateChangeRejected_FailsTheInteractionWithAnError()
    {
        await WritePactAsync();
        StubProtectedStateChanges();
        StubSearch(includeMeta: true);

        var result = await VerifyAsync(filterDescription: "^a search");

        Assert.False(result.Succeeded);
        var search = Assert.Single(result.Interactions);
        var mismatch = Assert.Single(search.Mismatches);
        Assert.Equal("Error", mismatch.Kind);
        Assert.Contains("state change", mismatch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateChangeRelay_TargetUnreachable_FailsFastInsteadOfBeingRetried()
    {
        await WritePactAsync();
        StubSearch(includeMeta: true);
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var result = await new PactVerifier(new VerificationOptions
        {
            // Generous: the test runs beside other test assemblies on a small machine; a state change must not time out.
            RequestTimeout = TimeSpan.FromSeconds(30),
            ProviderName = DialNexaContract.Dialect,
            ProviderBaseUrl = new Uri(_provider.BaseUri(), "/dialnexa"),
            PactDirectories = [_pacts.Path],
            StateChangeUrl = new Uri($"http://127.0.0.1:{closedPort}/__states"),
            StateChangeHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer admin-token" },
            FilterDescription = "^a search for local",
        }).VerifyAsync();

        Assert.False(result.Succeeded);
        Assert.Contains(Assert.Single(result.Interactions).Mismatches, m => m.Kind == "Error");
        Assert.True(result.Duration < TimeSpan.FromSeconds(20), $"took {result.Duration}");
    }

    [Fact]
    public async Task ProviderUnreachable_IsReportedPerInteraction()
    {
        await WritePactAsync();
        var closedPort = _provider.Ports[0];
        _provider.Stop();

        var result = await new PactVerifier(new VerificationOptions
        {
            // Generous: the test runs beside other test assemblies on a small machine; a state change must not time out.
            RequestTimeout = TimeSpan.FromSeconds(30),
            ProviderName = DialNexaContract.Dialect,
            ProviderBaseUrl = new Uri($"http://127.0.0.1:{closedPort}/dialnexa"),
            PactDirectories = [_pacts.Path],
            FilterNoState = true,
            FilterDescription = "^a search",
        }).VerifyAsync();

        Assert.False(result.Succeeded);
        Assert.All(result.Interactions, i => Assert.Contains(i.Mismatches, m => m.Kind == "Error" && m.Message.Contains("error sending request", StringComparison.Ordinal)));
    }

    private static InteractionVerification Single(VerificationResult result, string description) =>
        Assert.Single(result.Interactions, i => i.Description == description);

    private Task<VerificationResult> VerifyAsync(string? filterDescription = null, IReadOnlyDictionary<string, string>? stateChangeHeaders = null) =>
        new PactVerifier(new VerificationOptions
        {
            // Generous: the test runs beside other test assemblies on a small machine; a state change must not time out.
            RequestTimeout = TimeSpan.FromSeconds(30),
            ProviderName = DialNexaContract.Dialect,
            ProviderBaseUrl = new Uri(_provider.BaseUri(), "/dialnexa"),
            PactFiles = [Path.Combine(_pacts.Path, $"{DialectContracts.Consumer}-{DialNexaContract.Dialect}.json")],
            StateChangeUrl = new Uri(_provider.BaseUri(), "/__states"),
            StateChangeHeaders = stateChangeHeaders ?? new Dictionary<string, string>(),
            FilterDescription = filterDescription,
        }).VerifyAsync();

    private async Task WritePactAsync()
    {
        foreach (var description in new[] { Search, Purchase, Kyc })
        {
            await PactGenerator.RunAsync(DialectContracts.Find(DialNexaContract.Dialect, description), _pacts.Path, TestContext.Current.CancellationToken);
        }
    }

    private void StubStateChanges() =>
        _provider.Given(Request.Create().WithPath("/__states").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", Json).WithBody("{}"));

    /// <summary>Like the simulator's admin API off loopback: state changes need a bearer token, and a 401 without it.</summary>
    private void StubProtectedStateChanges()
    {
        _provider.Given(Request.Create().WithPath("/__states").UsingPost().WithHeader("Authorization", "Bearer admin-token"))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", Json).WithBody("{}"));
        _provider.Given(Request.Create().WithPath("/__states").UsingPost())
            .AtPriority(5)
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", Json).WithBody("""{"error":"admin token required"}"""));
    }

    private void StubSearch(bool includeMeta)
    {
        var meta = includeMeta ? ""","meta":{"total_count":2}""" : string.Empty;
        _provider.Given(Request.Create().WithPath("/dialnexa/v1/organization-phone-numbers/plivo-numbers").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", Json).WithBody(
                """{"api_id":"2b7e1f","objects":[""" +
                """{"number":"+17735550172","type":"local","monthly_rental_rate":"0.50000","setup_rate":"0.00000","voice_enabled":true,"sms_enabled":false,"mms_enabled":false,"country_iso":"US","number_format":"(773) 555-0142"},""" +
                """{"number":"+13127448800","type":"local","monthly_rental_rate":"0.80","setup_rate":"0","voice_enabled":true,"sms_enabled":true,"mms_enabled":true,"country_iso":"US","number_format":"(312) 744-8800"}""" +
                "]" + meta + "}"));
    }

    private void StubPurchase(int status) =>
        _provider.Given(Request.Create().WithPath("/dialnexa/v1/organization-phone-numbers/purchase").UsingPost())
            .AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", Json).WithBody(
                """{"id":"phn_f7w2kx5mb9qz","phone_number":"+13127445210","label":null,"agent_id":null,"nickname":null,"status":"pending","provider":"plivo","created_at":"2025-11-23T18:01:02.345Z"}"""));

    private void StubKyc(string body) =>
        _provider.Given(Request.Create().WithPath("/dialnexa/v1/organization-phone-numbers/purchase").UsingPost()
                .WithBody(new WildcardMatcher("*+912234567890*")))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", Json).WithBody(body));
}
