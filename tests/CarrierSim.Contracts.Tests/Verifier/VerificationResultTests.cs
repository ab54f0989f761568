using System.Xml.Linq;

namespace CarrierSim.Contracts.Tests.Verifier;

/// <summary>Reading the engine's JSON report, and the reports written from it.</summary>
public sealed class VerificationResultTests
{
    private static readonly VerificationOptions Options = new()
    {
        ProviderName = "CarrierSim",
        ProviderBaseUrl = new Uri("http://127.0.0.1:8080/dialstack"),
        PactFiles = ["unused.json"],
    };

    [Fact]
    public void Read_EngineFailureReport_GivesPerInteractionVerdictsAndMismatches()
    {
        var result = Read(exitCode: 1, TestData("ffi-verifier-json-failure.json"));

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.VerifiedCount);
        Assert.Equal(1, result.FailedCount);
        var passed = result.Interactions[0];
        Assert.True(passed.Passed);
        Assert.Equal("a request to port a number", passed.Description);
        Assert.Equal(["number can be ported"], passed.ProviderStates);
        Assert.Equal(TimeSpan.FromMilliseconds(127), passed.Duration);

        var failed = result.Interactions[1];
        Assert.False(failed.Passed);
        Assert.Equal("PhoneConsumer", failed.Consumer);
        Assert.Equal(["carrier is up", "number exists"], failed.ProviderStates);
        Assert.Equal(2, failed.Mismatches.Count);
        Assert.Equal("$", failed.Mismatches[0].Path);
        Assert.Equal("BodyMismatch", failed.Mismatches[0].Kind);
        Assert.Contains("lineCount", failed.Mismatches[0].Message, StringComparison.Ordinal);
        Assert.Equal("$.carrier", failed.Mismatches[1].Path);
        Assert.Equal("5", failed.Mismatches[1].Actual);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Read_OlderShapeWithoutPerInteractionMismatch_TakesThemFromErrors()
    {
        const string json = """
            {"errors":[{"interaction":"Verifying a pact between C and P Given s - an order","mismatch":{"type":"mismatches","mismatches":[{"type":"StatusMismatch","expected":201,"actual":200,"mismatch":"expected 201 but was 200"}]}}],
             "interactionResults":[{"description":"an order","duration":"1s 5ms","result":"Error"},{"description":"a search","duration":"40ms","result":"OK"}],"result":false}
            """;

        var result = Read(exitCode: 1, json);

        var order = Assert.Single(result.Interactions, i => i.Description == "an order");
        Assert.False(order.Passed);
        var mismatch = Assert.Single(order.Mismatches);
        Assert.Equal("StatusMismatch", mismatch.Kind);
        Assert.Equal("201", mismatch.Expected);
        Assert.Equal(TimeSpan.FromMilliseconds(1005), order.Duration);
        Assert.True(Assert.Single(result.Interactions, i => i.Description == "a search").Passed);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Read_ErrorNotTiedToAnInteraction_IsAResultError()
    {
        const string json = """
            {"errors":[{"interaction":"Failed to load pact","mismatch":{"interactionId":"","message":"Failed to parse Pact JSON","type":"error"}}],"interactionResults":[],"result":false}
            """;

        var result = Read(exitCode: 1, json);

        Assert.False(result.Succeeded);
        Assert.Equal(["Failed to load pact: Error: Failed to parse Pact JSON"], result.Errors);
        Assert.Contains("ERROR Failed to load pact", result.FormatReport(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StateSetupFailure_IsAnErrorMismatch()
    {
        const string json = """
            {"errors":[],"interactionResults":[{"consumer":"C","provider":"P","description":"x","providerStates":["s"],"result":"Error",
              "mismatch":{"interactionId":"","message":"One or more of the setup state change handlers has failed","type":"error"}}],"result":false}
            """;

        var mismatch = Assert.Single(Read(exitCode: 1, json).Interactions[0].Mismatches);

        Assert.Equal("Error", mismatch.Kind);
        Assert.Contains("state change", mismatch.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    public void Read_UnreadableJson_IsAFailureWithAnError(string json)
    {
        var result = Read(exitCode: 0, json);

        Assert.False(result.Succeeded);
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Succeeded_ZeroInteractions_IsFalse()
    {
        var result = Read(exitCode: 0, """{"errors":[],"interactionResults":[],"result":true}""");

        Assert.Equal(0, result.VerifiedCount);
        Assert.False(result.Succeeded);
        Assert.Contains("No interactions were verified", result.FormatReport(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToJUnitXml_FailureReport_HasOneCasePerInteractionAndFailuresWithMismatches()
    {
        var xml = XDocument.Parse(Read(exitCode: 1, TestData("ffi-verifier-json-failure.json")).ToJUnitXml());

        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal("CarrierSim", (string?)suite.Attribute("name"));
        Assert.Equal("2", (string?)suite.Attribute("tests"));
        Assert.Equal("1", (string?)suite.Attribute("failures"));
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal("Verifying a pact between PhoneConsumer and CarrierSim Given number can be ported - a request to port a number", (string?)cases[0].Attribute("name"));
        Assert.Equal("0.127", (string?)cases[0].Attribute("time"));
        Assert.Null(cases[0].Element("failure"));
        var failure = cases[1].Element("failure")!;
        Assert.Equal("2 mismatches", (string?)failure.Attribute("message"));
        Assert.Contains("$.carrier", failure.Value, StringComparison.Ordinal);
        Assert.Contains("Verifying", suite.Element("system-out")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJUnitXml_ZeroInteractions_ContainsAFailingCase()
    {
        var suite = XDocument.Parse(Read(exitCode: 0, """{"interactionResults":[]}""").ToJUnitXml()).Root!.Element("testsuite")!;

        Assert.Equal("1", (string?)suite.Attribute("failures"));
        Assert.Equal("NoInteractionsVerified", (string?)suite.Element("testcase")!.Element("failure")!.Attribute("type"));
    }

    [Fact]
    public void ToJUnitXml_OutputWithControlCharacters_IsStillWellFormed()
    {
        var result = VerifierJsonReader.Read(Options, 1, TestData("ffi-verifier-json-failure.json"), "\u001b[31mred\u001b[0m ]]> done", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1));

        var output = XDocument.Parse(result.ToJUnitXml()).Root!.Element("testsuite")!.Element("system-out")!.Value;

        Assert.Equal("[31mred[0m ]]> done", output);
    }

    [Fact]
    public void FormatReport_Failure_ListsEachInteractionAndItsMismatches()
    {
        var report = Read(exitCode: 1, TestData("ffi-verifier-json-failure.json")).FormatReport();

        Assert.StartsWith("Pact verification of 'CarrierSim' at http://127.0.0.1:8080/dialstack: FAILED", report, StringComparison.Ordinal);
        Assert.Contains("2 interaction(s) verified: 1 passed, 1 failed.", report, StringComparison.Ordinal);
        Assert.Contains("  PASS  a request to port a number", report, StringComparison.Ordinal);
        Assert.Contains("  FAIL  changed after start  (given carrier is up and number exists)", report, StringComparison.Ordinal);
        Assert.Contains("- BodyMismatch $.carrier: Expected 5 (Integer) to be the same type as 'SimTel' (String)", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127ms", 127)]
    [InlineData("1s 5ms", 1005)]
    [InlineData("0s", 0)]
    [InlineData("2m 1s", 121000)]
    public void ParseDuration_EngineFormats_AreRead(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), VerifierJsonReader.ParseDuration(text));

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    public void ParseDuration_Unknown_IsNull(string? text) => Assert.Null(VerifierJsonReader.ParseDuration(text));

    private static VerificationResult Read(int exitCode, string json) =>
        VerifierJsonReader.Read(Options, exitCode, json, "\nVerifying a pact between PhoneConsumer and CarrierSim\n", DateTimeOffset.UnixEpoch, TimeSpan.FromMilliseconds(150));

    private static string TestData(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));
}
