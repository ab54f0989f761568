using CarrierSim.Contracts.Interop;
using CarrierSim.Contracts.Tests.Support;

namespace CarrierSim.Contracts.Tests.Consumer;

/// <summary>The consumer builders against a fake engine: what they ask the engine to do, and how they react to refusals.</summary>
public sealed class PactBuilderTests
{
    private readonly FakePactInterop _engine = new();

    [Fact]
    public void Constructor_Always_CreatesPactAndSelectsV4()
    {
        using var pact = new PactBuilder("consumer", "provider", _engine);

        Assert.Equal(["NewPact(consumer,provider)", "WithSpecification(1,V4)"], _engine.Calls);
    }

    [Fact]
    public void Constructor_EngineRefusesSpecification_Throws()
    {
        _engine.Failing.Add("WithSpecification");

        Assert.Throws<PactException>(() => new PactBuilder("consumer", "provider", _engine));
    }

    [Theory]
    [InlineData("", "provider")]
    [InlineData("consumer", " ")]
    public void Constructor_BlankName_Throws(string consumer, string provider) =>
        Assert.ThrowsAny<ArgumentException>(() => new PactBuilder(consumer, provider, _engine));

    [Fact]
    public void FullInteraction_Always_ForwardsEveryPartInOrder()
    {
        using var pact = new PactBuilder("c", "p", _engine);
        _engine.Calls.Clear();

        pact.UponReceiving("an order")
            .Given("account is ready")
            .WithRequest("post", "/v1/orders")
            .WithQuery("expand", "numbers")
            .WithHeader("Authorization", "Bearer k")
            .WithJsonBody(new { phone_numbers = new[] { "+19197334821" } })
            .WillRespondWith(201)
            .WithHeader("X-Request-Id", Match.Regex("abc-1", "^[a-z]+-\\d+$"))
            .WithJsonBody(new { id = Match.Type("ord_1") });

        Assert.Equal(
        [
            "NewInteraction(1,an order)",
            "Given(1,account is ready)",
            "WithRequest(1,POST,/v1/orders)",
            "WithQueryParameter(1,expand,0,numbers)",
            "WithHeader(1,Request,Authorization,0,Bearer k)",
            """WithBody(1,Request,application/json,{"phone_numbers":["+19197334821"]})""",
            "ResponseStatus(1,201)",
            """WithHeader(1,Response,X-Request-Id,0,{"pact:matcher:type":"regex","regex":"^[a-z]+-\\d+$","value":"abc-1"})""",
            """WithBody(1,Response,application/json,{"id":{"pact:matcher:type":"type","value":"ord_1"}})""",
        ], _engine.Calls);
    }

    [Fact]
    public async Task WithFormBody_Always_SendsTheFieldsFormEncodedAsFormUrlEncodedContentDoes()
    {
        using var pact = new PactBuilder("c", "p", _engine);
        _engine.Calls.Clear();
        (string, string)[] fields = [("PhoneNumber", "+18089251571"), ("FriendlyName", "Main line & co"), ("VoiceUrl", "https://example.com/v?a=1")];

        pact.UponReceiving("a purchase").WithRequest("POST", "/numbers").WithFormBody(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)));
        using var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)));

        const string Expected = "PhoneNumber=%2B18089251571&FriendlyName=Main+line+%26+co&VoiceUrl=https%3A%2F%2Fexample.com%2Fv%3Fa%3D1";
        Assert.Equal($"WithBody(1,Request,application/x-www-form-urlencoded,{Expected})", _engine.Calls[^1]);
        Assert.Equal(Expected, await content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Given_WithParameters_WritesValuesAsJsonWithStringsQuoted()
    {
        using var pact = new PactBuilder("c", "p", _engine);

        pact.UponReceiving("x").Given("number {number} is available", new Dictionary<string, object?>
        {
            ["number"] = "+15551234567",
            ["msisdn"] = "15551234567",
            ["count"] = 3,
            ["numbers"] = new[] { "+1", "+2" },
        });

        Assert.Contains(
            """GivenWithParams(1,number {number} is available,{"number":"+15551234567","msisdn":"15551234567","count":3,"numbers":["+1","+2"]})""",
            _engine.Calls);
    }

    [Theory]
    [InlineData(1, "the mock server already started")]
    [InlineData(2, "not valid JSON")]
    public void Given_EngineRejectsParameters_ThrowsWithReason(int code, string reason)
    {
        using var pact = new PactBuilder("c", "p", _engine);
        _engine.GivenWithParamsResult = code;

        var error = Assert.Throws<PactException>(() => pact.UponReceiving("x").Given("s", new Dictionary<string, object?> { ["a"] = "b" }));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithQueryAndHeader_RepeatedNames_UseIncreasingIndexesPerName()
    {
        using var pact = new PactBuilder("c", "p", _engine);

        pact.UponReceiving("x").WithRequest("GET", "/")
            .WithQuery("a", "1").WithQuery("b", "1").WithQuery("a", "2")
            .WithHeader("Accept", "x").WithHeader("accept", "y");

        Assert.Equal(["WithQueryParameter(1,a,0,1)", "WithQueryParameter(1,b,0,1)", "WithQueryParameter(1,a,1,2)"], _engine.CallsNamed("WithQueryParameter"));
        Assert.Equal(["WithHeader(1,Request,Accept,0,x)", "WithHeader(1,Request,accept,1,y)"], _engine.CallsNamed("WithHeader"));
    }

    [Fact]
    public void WithRequest_PathMatcher_SendsIntegrationJson()
    {
        using var pact = new PactBuilder("c", "p", _engine);

        pact.UponReceiving("x").WithRequest("GET", Match.Regex("/v1/orders/ord_1", "^/v1/orders/ord_\\w+$"));

        Assert.Contains("""WithRequest(1,GET,{"pact:matcher:type":"regex","regex":"^/v1/orders/ord_\\w+$","value":"/v1/orders/ord_1"})""", _engine.Calls);
    }

    [Fact]
    public void WithRequest_RelativePath_Throws()
    {
        using var pact = new PactBuilder("c", "p", _engine);

        Assert.Throws<ArgumentException>(() => pact.UponReceiving("x").WithRequest("GET", "v1/orders"));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(600)]
    public void WillRespondWith_StatusOutOfRange_Throws(int status)
    {
        using var pact = new PactBuilder("c", "p", _engine);

        Assert.Throws<ArgumentOutOfRangeException>(() => pact.UponReceiving("x").WithRequest("GET", "/").WillRespondWith(status));
    }

    [Theory]
    [InlineData("Given")]
    [InlineData("WithRequest")]
    [InlineData("WithBody")]
    [InlineData("ResponseStatus")]
    public void BuilderCall_EngineRefuses_ThrowsPactException(string refusedCall)
    {
        using var pact = new PactBuilder("c", "p", _engine);
        _engine.Failing.Add(refusedCall);

        Assert.Throws<PactException>(() => pact.UponReceiving("x").Given("s").WithRequest("POST", "/").WithJsonBody(new { a = 1 }).WillRespondWith(200));
    }

    [Fact]
    public void UponReceiving_DuplicateDescription_Throws()
    {
        using var pact = new PactBuilder("c", "p", _engine);
        pact.UponReceiving("same");

        Assert.Throws<ArgumentException>(() => pact.UponReceiving("same"));
    }

    [Fact]
    public void StartMockServer_Always_BindsLoopbackOnAFreePort()
    {
        using var pact = new PactBuilder("c", "p", _engine);

        using var server = pact.StartMockServer();

        Assert.Contains("CreateMockServer(1,127.0.0.1,0)", _engine.Calls);
        Assert.Equal(new Uri("http://127.0.0.1:40123/"), server.BaseUri);
    }

    [Theory]
    [InlineData(-3, "could not start")]
    [InlineData(-4, "panicked")]
    [InlineData(-5, "invalid address")]
    public void StartMockServer_EngineFails_ThrowsWithReason(int code, string reason)
    {
        using var pact = new PactBuilder("c", "p", _engine);
        _engine.MockServerPort = code;

        var error = Assert.Throws<PactException>(pact.StartMockServer);

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UponReceiving_AfterServerStarted_Throws()
    {
        using var pact = new PactBuilder("c", "p", _engine);
        var request = pact.UponReceiving("x").WithRequest("GET", "/");
        using var server = pact.StartMockServer();

        Assert.Throws<InvalidOperationException>(() => pact.UponReceiving("y"));
        Assert.Throws<InvalidOperationException>(() => request.WithQuery("late", "1"));
    }

    [Fact]
    public void WritePactFile_AllMatched_WritesIntoTheFolderAndReturnsPath()
    {
        using var temp = new TemporaryDirectory();
        using var pact = new PactBuilder("c", "p", _engine);
        using var server = pact.StartMockServer();

        var path = server.WritePactFile(temp.Path);

        Assert.Equal(Path.Combine(temp.Path, "c-p.json"), path);
        Assert.Contains($"WritePactFile(1,{temp.Path},True)", _engine.Calls);
    }

    [Fact]
    public void WritePactFile_Merge_DoesNotOverwrite()
    {
        using var temp = new TemporaryDirectory();
        using var pact = new PactBuilder("c", "p", _engine);
        using var server = pact.StartMockServer();

        server.WritePactFile(temp.Path, merge: true);

        Assert.Contains($"WritePactFile(1,{temp.Path},False)", _engine.Calls);
    }

    [Fact]
    public void WritePactFile_WithMismatches_ThrowsAndWritesNothing()
    {
        using var pact = new PactBuilder("c", "p", _engine);
        using var server = pact.StartMockServer();
        _engine.Matched = false;
        _engine.Mismatches = """[{"type":"missing-request","method":"GET","path":"/v1/x","request":{}}]""";

        var error = Assert.Throws<PactException>(() => server.WritePactFile("unused"));

        Assert.Contains("missing-request GET /v1/x", error.Message, StringComparison.Ordinal);
        Assert.Empty(_engine.CallsNamed("WritePactFile"));
    }

    [Theory]
    [InlineData(1, "panicked")]
    [InlineData(2, "could not be written")]
    public void WritePactFile_EngineFails_Throws(int code, string reason)
    {
        using var temp = new TemporaryDirectory();
        using var pact = new PactBuilder("c", "p", _engine);
        using var server = pact.StartMockServer();
        _engine.WriteResult = code;

        var error = Assert.Throws<PactException>(() => server.WritePactFile(temp.Path));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_CalledTwice_CleansUpAndFreesOnce()
    {
        var pact = new PactBuilder("c", "p", _engine);
        var server = pact.StartMockServer();

        server.Dispose();
        server.Dispose();
        pact.Dispose();
        pact.Dispose();

        Assert.Single(_engine.CallsNamed("CleanupMockServer"));
        Assert.Single(_engine.CallsNamed("FreePactHandle"));
        Assert.Throws<ObjectDisposedException>(() => server.AllRequestsMatched);
    }

    [Fact]
    public void GetMismatches_EngineReport_IsParsedIntoReadableItems()
    {
        using var pact = new PactBuilder("c", "p", _engine);
        using var server = pact.StartMockServer();
        _engine.Mismatches = """
            [{"type":"request-mismatch","method":"GET","path":"/v1/numbers","mismatches":[
               {"type":"QueryMismatch","parameter":"area_code","expected":"919","actual":"920","mismatch":"Expected '919' but received '920' for query parameter 'area_code'"},
               {"type":"HeaderMismatch","key":"Authorization","expected":"Bearer a","actual":"","mismatch":"Expected a header 'Authorization' but was missing"}]},
             {"type":"request-not-found","method":"DELETE","path":"/v1/numbers/1","request":{}}]
            """;

        var mismatches = server.GetMismatches();

        Assert.Equal(2, mismatches.Count);
        Assert.Equal("request-mismatch", mismatches[0].Kind);
        Assert.Equal(
            ["QueryMismatch area_code: Expected '919' but received '920' for query parameter 'area_code'", "HeaderMismatch Authorization: Expected a header 'Authorization' but was missing"],
            mismatches[0].Details);
        Assert.Equal("request-not-found DELETE /v1/numbers/1: no interaction matches this request", mismatches[1].ToString());
    }

    [Fact]
    public void NativeLevelParsing_UnknownOrMissing_DefaultsToWarn()
    {
        Assert.Equal(LevelFilter.Warn, NativePactInterop.ParseLevel(null));
        Assert.Equal(LevelFilter.Warn, NativePactInterop.ParseLevel("loud"));
        Assert.Equal(LevelFilter.Debug, NativePactInterop.ParseLevel(" debug "));
        Assert.Equal(LevelFilter.Off, NativePactInterop.ParseLevel("none"));
    }
}
