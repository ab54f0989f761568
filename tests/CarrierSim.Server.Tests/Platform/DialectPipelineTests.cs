using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Serialization;
using CarrierSim.Core;
using CarrierSim.Core.Accounts;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;
using CarrierSim.Server.Admin;
using CarrierSim.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CarrierSim.Server.Tests.Platform;

/// <summary>An order a made-up vendor takes as JSON, form fields or XML; it names its numbers for chaos.</summary>
[XmlRoot("Order")]
public sealed class FakeOrder : INamesNumbers
{
    [XmlElement("TelephoneNumber")]
    public List<string>? TelephoneNumbers { get; set; }

    public string? Label { get; set; }

    public bool? Partial { get; set; }

    IEnumerable<string?> INamesNumbers.Numbers => TelephoneNumbers ?? [];
}

/// <summary>
/// The platform itself, under a made-up dialect with no code of its own beyond the module: one body
/// reader for three formats, answers in the vendor's envelope, scopes, and chaos that sees the numbers
/// a typed request names whatever its format — never by scraping the body.
/// </summary>
public sealed class DialectPipelineTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private Simulation _simulation = null!;

    private sealed class FakeDialect : IDialect
    {
        private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

        public string Name => "fakevendor";

        public string Title => "Fake Vendor";

        public JsonSerializerOptions Json => Options;

        public IReadOnlyDictionary<string, ProviderStateSetUp> ProviderStates { get; } = new Dictionary<string, ProviderStateSetUp>();

        public CallerResult Authenticate(HttpContext context, AccountDirectory accounts) =>
            context.Request.Headers.Authorization.ToString() is ['B', 'e', 'a', 'r', 'e', 'r', ' ', .. var key] && key.Length > 0
                ? CallerResult.Of(new DialectCaller(accounts.Resolve(Name, key), key == "readonly" ? new ApiKey(key, key, ["read"]) : null))
                : CallerResult.Fail(Error(context, 401, "send Authorization: Bearer <key>"));

        public IResult Error(HttpContext context, int statusCode, string message) =>
            Results.Json(new { vendor_error = new { status = statusCode, message } }, statusCode: statusCode);

        public void MapEndpoints(RouteGroupBuilder group)
        {
            group.MapPost("/orders", (HttpContext context, Body<FakeOrder> body) => Results.Json(new
            {
                numbers = body.Value.TelephoneNumbers,
                label = body.Value.Label,
                partial = body.Value.Partial,
                injections = context.Chaos().Injections.Select(i => i.Rule).ToArray(),
            }))
            .Operation("fakevendor.createOrder", OperationKind.Order)
            .RequiresScope("write")
            .Reads<FakeOrder>("application/json", "application/x-www-form-urlencoded", "application/xml");
            group.MapPost("/numbers/{number}", (HttpContext context) => Results.Json(new { injections = context.Chaos().Injections.Select(i => i.Rule).ToArray() }))
                .Operation("fakevendor.buyNumber", OperationKind.Order, "number");
        }
    }

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddRouting();
        _app = builder.Build();
        _simulation = new Simulation(NumberingCatalog.Embedded, new SimulationOptions { Seed = 3 }, new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)));
        var dialect = new FakeDialect();
        var group = _app.MapGroup("/fakevendor").WithMetadata(dialect);
        group.AddEndpointFilter(new DialectPipeline(dialect, _simulation, TimeProvider.System));
        dialect.MapEndpoints(group);
        await _app.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(string body, string contentType, string key = "k1")
    {
        using var client = _app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fakevendor/orders") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private const string Json = """{"telephoneNumbers":["+19194601234","+14155550130"],"label":"x","partial":true}""";
    private const string Form = "TelephoneNumbers=%2B19194601234&TelephoneNumbers=%2B14155550130&Label=x&Partial=true";
    private const string Xml = "<Order><TelephoneNumber>+19194601234</TelephoneNumber><TelephoneNumber>+14155550130</TelephoneNumber><Label>x</Label><Partial>true</Partial></Order>";

    public static TheoryData<string, string> Bodies => new()
    {
        { Json, "application/json" },
        { Form, "application/x-www-form-urlencoded" },
        { Xml, "application/xml" },
        { Xml, "text/xml; charset=utf-8" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task OneReaderTypesJsonFormAndXmlAlike(string body, string contentType)
    {
        var (status, json) = await PostAsync(body, contentType);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["+19194601234", "+14155550130"], json.GetProperty("numbers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("x", json.GetProperty("label").GetString());
        Assert.True(json.GetProperty("partial").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task ChaosSeesTheNumbersOfTheTypedRequestInEveryFormat(string body, string contentType)
    {
        // Regression: chaos scraped JSON bodies only, so numbers in form or XML bodies escaped targeting.
        _simulation.Chaos.Upsert(new RaceRule { Name = "raleigh", Target = new ChaosTarget { NumberPattern = @"^\+1919" } });
        _simulation.Chaos.Upsert(new RaceRule { Name = "elsewhere", Target = new ChaosTarget { NumberPattern = @"^\+1212" } });

        var (status, json) = await PostAsync(body, contentType);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["raleigh"], json.GetProperty("injections").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(NumberState.Taken, _simulation.Inventory.GetStatus(PhoneNumber.Parse("+19194601234").Value).State);
    }

    [Theory]
    [InlineData("%2B19194601234")]
    [InlineData("19194601234")]
    public async Task ChaosSeesRouteNumbersWithOrWithoutThePlus(string number)
    {
        // Regression: route numbers written as E.164 digits without '+' (Plivo's style) escaped targeting and magic numbers.
        _simulation.Chaos.Upsert(new RaceRule { Name = "raleigh", Target = new ChaosTarget { NumberPattern = @"^\+1919" } });
        using var client = _app.GetTestClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer k1");

        using var response = await client.PostAsync($"/fakevendor/numbers/{number}", null, TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["raleigh"], json.GetProperty("injections").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ChaosRuleForAnotherOperationKindDoesNotFireHere()
    {
        _simulation.Chaos.Upsert(new DroughtRule { Name = "drought" });

        var (status, json) = await PostAsync(Json, "application/json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(json.GetProperty("injections").EnumerateArray());
        Assert.Equal(0, _simulation.Chaos.InjectionCount);
    }

    [Theory]
    [InlineData("""{"telephoneNumbers":["+1919"],""", "application/json", 400, "not valid JSON")]
    [InlineData("""{"telephoneNumbers":"\ud800"}""", "application/json", 400, "")]
    [InlineData("""{"colour":"red"}""", "application/json", 400, "Unknown field 'colour'")]
    [InlineData("Partial=maybe", "application/x-www-form-urlencoded", 400, "partial")]
    [InlineData("<Order><Label>x</Label>", "application/xml", 400, "XML")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE Order [<!ENTITY x SYSTEM "file:///etc/passwd">]><Order><Label>&x;</Label></Order>""", "application/xml", 400, "XML")]
    [InlineData("", "application/json", 400, "empty")]
    [InlineData("numbers", "text/plain", 415, "Content-Type 'text/plain")]
    public async Task UnreadableBodiesGetTheVendorsEnvelope(string body, string contentType, int expected, string says)
    {
        var (status, json) = await PostAsync(body, contentType);

        Assert.Equal(expected, (int)status);
        var error = json.GetProperty("vendor_error");
        Assert.Equal(expected, error.GetProperty("status").GetInt32());
        Assert.Contains(says, error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OversizedBodyGets413InTheVendorsEnvelope()
    {
        var (status, json) = await PostAsync("{\"label\":\"" + new string('x', 70_000) + "\"}", "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(413, json.GetProperty("vendor_error").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task MissingScopeIsRefusedBeforeTheBodyOrChaos()
    {
        _simulation.Chaos.Upsert(new RaceRule { Name = "race" });

        var (status, json) = await PostAsync("not even json", "application/json", key: "readonly");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("'write'", json.GetProperty("vendor_error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _simulation.Chaos.InjectionCount);
    }

    [Fact]
    public async Task MissingCredentialsGetTheVendors401()
    {
        var (status, json) = await PostAsync(Json, "application/json", key: "");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(401, json.GetProperty("vendor_error").GetProperty("status").GetInt32());
    }
}
