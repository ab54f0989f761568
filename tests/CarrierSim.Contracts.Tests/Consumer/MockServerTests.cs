using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CarrierSim.Contracts.Tests.Support;

namespace CarrierSim.Contracts.Tests.Consumer;

/// <summary>Round trips through the real Pact mock server, mismatch detection, and the pact file it writes.</summary>
public sealed class MockServerTests
{
    private const string E164 = @"^\+[1-9]\d{1,14}$";

    [Fact]
    public async Task MatchingRequest_GetsTheExampleResponse_AndEverythingMatched()
    {
        using var pact = NumberSearchPact();
        using var server = pact.StartMockServer();
        using var client = new HttpClient { BaseAddress = server.BaseUri };

        using var response = await SearchAsync(client, "919");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("+19197334821", (string?)body["data"]![0]!["phone_number"]);
        Assert.Equal("2026-04-21T14:00:00Z", (string?)body["data"]![0]!["reserved_until"]);
        Assert.True(server.AllRequestsMatched);
        Assert.Empty(server.GetMismatches());
        server.VerifyAllRequestsMatched();
    }

    [Fact]
    public async Task XmlBodies_MatchTheRequestAndAnswerTheExampleWithMatchingRules()
    {
        using var pact = new PactBuilder("c", "p");
        pact.UponReceiving("an XML order")
            .WithRequest("POST", "/orders")
            .WithBody("application/xml", "<Order><SiteId>743</SiteId></Order>")
            .WillRespondWith(201)
            .WithBody("application/xml", """
                {"version":"1.0","charset":"UTF-8","root":{"name":"OrderResponse","attributes":{},"children":[
                  {"name":"id","attributes":{},"children":[{"content":"34adcd9f","matcher":{"pact:matcher:type":"regex","regex":"^[0-9a-f]{8}$","value":"34adcd9f"}}]},
                  {"name":"OrderStatus","attributes":{},"children":[{"content":"RECEIVED"}]}]}}
                """);
        using var server = pact.StartMockServer();
        using var client = new HttpClient { BaseAddress = server.BaseUri };

        using var response = await client.PostAsync("orders", new StringContent("<Order><SiteId>743</SiteId></Order>", Encoding.UTF8, "application/xml"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!;
        Assert.Equal("34adcd9f", xml.Element("id")!.Value);
        Assert.Equal("RECEIVED", xml.Element("OrderStatus")!.Value);
        using var directory = new TemporaryDirectory();
        var pactFile = JsonNode.Parse(File.ReadAllText(server.WritePactFile(directory.Path)))!;
        var rules = pactFile["interactions"]![0]!["response"]!["matchingRules"]!["body"]!.AsObject();
        Assert.Equal("^[0-9a-f]{8}$", (string?)rules["$.OrderResponse.id.#text"]!["matchers"]![0]!["regex"]);
    }

    [Fact]
    public async Task RequestThatDiffers_IsAnsweredWith500_AndReportedByName()
    {
        using var pact = NumberSearchPact();
        using var server = pact.StartMockServer();
        using var client = new HttpClient { BaseAddress = server.BaseUri };

        using var response = await SearchAsync(client, "920");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(server.AllRequestsMatched);
        var mismatch = Assert.Single(server.GetMismatches());
        Assert.Equal("request-mismatch", mismatch.Kind);
        Assert.Equal("/v1/available-phone-numbers", mismatch.Path);
        Assert.Contains(mismatch.Details, d => d.StartsWith("QueryMismatch area_code", StringComparison.Ordinal));
        var error = Assert.Throws<PactException>(server.VerifyAllRequestsMatched);
        Assert.Contains("area_code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnexpectedRequest_IsReportedAsNotFound()
    {
        using var pact = NumberSearchPact();
        using var server = pact.StartMockServer();
        using var client = new HttpClient { BaseAddress = server.BaseUri };

        using var response = await client.DeleteAsync("v1/phone-numbers/did_1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(server.GetMismatches(), m => m.Kind == "request-not-found" && m.Method == "DELETE");
    }

    [Fact]
    public void InteractionNeverRequested_IsReportedAsMissing()
    {
        using var pact = NumberSearchPact();
        using var server = pact.StartMockServer();

        Assert.False(server.AllRequestsMatched);
        var mismatch = Assert.Single(server.GetMismatches());
        Assert.Equal("missing-request", mismatch.Kind);
        Assert.Equal("GET", mismatch.Method);
    }

    [Fact]
    public async Task JsonBodyWithoutContentType_IsAMismatch()
    {
        using var pact = new PactBuilder("carriersim-tests", "bodies");
        pact.UponReceiving("an order")
            .WithRequest("POST", "/v1/phone-number-orders")
            .WithJsonBody(new { phone_numbers = new[] { "+19197334821" } })
            .WillRespondWith(201)
            .WithJsonBody(new { status = "pending" });
        using var server = pact.StartMockServer();
        using var client = new HttpClient { BaseAddress = server.BaseUri };

        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"phone_numbers":["+19197334821"]}"""));
        using var response = await client.PostAsync("v1/phone-number-orders", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(server.GetMismatches().SelectMany(m => m.Details), d => d.Contains("Content-Type", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WritePactFile_AfterAMatch_WritesAV4PactWithRulesStatesAndSortedInteractions()
    {
        using var temp = new TemporaryDirectory();
        using var pact = new PactBuilder("carriersim-tests", "writer");
        pact.UponReceiving("b: an order")
            .Given("number {number} is available", new Dictionary<string, object?> { ["number"] = "+19197334821", ["msisdn"] = "19197334821" })
            .WithRequest("POST", "/v1/orders")
            .WithJsonBody(new { phone_numbers = new[] { "+19197334821" } })
            .WillRespondWith(201)
            .WithJsonBody(new { created_at = Match.DateTime("2026-04-21T14:00:00Z", "yyyy-MM-dd'T'HH:mm:ssXXX"), status = "pending" });
        pact.UponReceiving("a: a lookup")
            .WithRequest("GET", "/v1/orders/1")
            .WillRespondWith(200)
            .WithJsonBody(new { number = Match.Regex("+19197334821", E164), active = Match.Boolean(true), count = Match.Integer(1), note = Match.Include("ok") });
        using var server = pact.StartMockServer();
        using (var client = new HttpClient { BaseAddress = server.BaseUri })
        {
            using var order = await client.PostAsync("v1/orders", new StringContent("""{"phone_numbers":["+19197334821"]}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            using var lookup = await client.GetAsync("v1/orders/1", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, order.StatusCode);
            Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        }

        var path = server.WritePactFile(temp.Path);

        Assert.Equal(Path.Combine(temp.Path, "carriersim-tests-writer.json"), path);
        var file = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!;
        Assert.Equal("4.0", (string?)file["metadata"]!["pactSpecification"]!["version"]);
        Assert.Equal("carriersim-tests", (string?)file["consumer"]!["name"]);
        Assert.Equal("writer", (string?)file["provider"]!["name"]);
        var interactions = file["interactions"]!.AsArray();
        Assert.Equal(["a: a lookup", "b: an order"], interactions.Select(i => (string?)i!["description"]));
        Assert.All(interactions, i => Assert.Equal("Synchronous/HTTP", (string?)i!["type"]));

        var state = interactions[1]!["providerStates"]![0]!;
        Assert.Equal("number {number} is available", (string?)state["name"]);
        Assert.Equal("+19197334821", (string?)state["params"]!["number"]);
        Assert.Equal("19197334821", (string?)state["params"]!["msisdn"]); // still a string, not a number

        var rules = interactions[0]!["response"]!["matchingRules"]!["body"]!;
        Assert.Equal(E164, (string?)rules["$.number"]!["matchers"]![0]!["regex"]);
        Assert.Equal("boolean", (string?)rules["$.active"]!["matchers"]![0]!["match"]);
        Assert.Equal("integer", (string?)rules["$.count"]!["matchers"]![0]!["match"]);
        Assert.Equal("include", (string?)rules["$.note"]!["matchers"]![0]!["match"]);
        var created = interactions[1]!["response"]!["matchingRules"]!["body"]!["$.created_at"]!["matchers"]![0]!;
        Assert.Equal("datetime", (string?)created["match"]);
        Assert.Equal("yyyy-MM-dd'T'HH:mm:ssXXX", (string?)created["format"]);
    }

    [Fact]
    public async Task WritePactFile_Merge_KeepsInteractionsOfEarlierWrites()
    {
        using var temp = new TemporaryDirectory();
        foreach (var description in new[] { "second", "first" })
        {
            using var pact = new PactBuilder("carriersim-tests", "merge");
            pact.UponReceiving(description).WithRequest("GET", $"/{description}").WillRespondWith(204);
            using var server = pact.StartMockServer();
            using var client = new HttpClient { BaseAddress = server.BaseUri };
            using var response = await client.GetAsync(description, TestContext.Current.CancellationToken);
            server.WritePactFile(temp.Path, merge: true);
        }

        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "carriersim-tests-merge.json"), TestContext.Current.CancellationToken))!;
        Assert.Equal(["first", "second"], file["interactions"]!.AsArray().Select(i => (string?)i!["description"]));
    }

    [Fact]
    public void WritePactFile_WithAMissingRequest_RefusesAndWritesNothing()
    {
        using var temp = new TemporaryDirectory();
        using var pact = NumberSearchPact();
        using var server = pact.StartMockServer();

        Assert.Throws<PactException>(() => server.WritePactFile(temp.Path));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task SeveralServers_RunSideBySideOnDifferentPorts()
    {
        var pacts = Enumerable.Range(0, 4).Select(_ => NumberSearchPact()).ToList();
        var servers = pacts.Select(p => p.StartMockServer()).ToList();
        try
        {
            Assert.Equal(4, servers.Select(s => s.Port).Distinct().Count());
            await Task.WhenAll(servers.Select(async server =>
            {
                using var client = new HttpClient { BaseAddress = server.BaseUri };
                using var response = await SearchAsync(client, "919");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }));
            Assert.All(servers, s => Assert.True(s.AllRequestsMatched));
        }
        finally
        {
            servers.ForEach(s => s.Dispose());
            pacts.ForEach(p => p.Dispose());
        }
    }

    private static PactBuilder NumberSearchPact()
    {
        var pact = new PactBuilder("carriersim-tests", "numbers");
        pact.UponReceiving("a search by area code")
            .Given("numbers are available in area code {area_code}", new Dictionary<string, object?> { ["area_code"] = "919" })
            .WithRequest("GET", "/v1/available-phone-numbers")
            .WithQuery("area_code", "919")
            .WithHeader("Authorization", "Bearer sk_test_1")
            .WillRespondWith(200)
            .WithJsonBody(new
            {
                data = Match.EachLike(new
                {
                    phone_number = Match.Regex("+19197334821", E164),
                    reserved_until = Match.DateTime("2026-04-21T14:00:00Z", "yyyy-MM-dd'T'HH:mm:ssXXX"),
                }),
            });
        return pact;
    }

    private static Task<HttpResponseMessage> SearchAsync(HttpClient client, string areaCode)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"v1/available-phone-numbers?area_code={areaCode}");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer sk_test_1");
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
