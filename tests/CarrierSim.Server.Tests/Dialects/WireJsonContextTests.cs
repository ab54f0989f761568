using System.Text.Json;
using CarrierSim.Server.Http;
using DS = CarrierSim.Server.Dialects.DialStack;
using TW = CarrierSim.Server.Dialects.Twilio;

namespace CarrierSim.Server.Tests.Dialects;

/// <summary>
/// The dialects' source-generated JSON metadata and code must write the same JSON as reflection did: every wire
/// record in a context is written by reflection, by the serializer with the dialect's options, and by
/// <see cref="WireJsonBuffer"/> (which runs the generated code with the wire's encoder), and the three are compared
/// byte for byte (names, nulls, escaping of '+', '&lt;' and non-ASCII text). The dialect's options must really take
/// the record's metadata from the context, and the generated code must exist, so the buffer really runs it.
/// </summary>
public sealed class WireJsonContextTests
{
    private static readonly JsonSerializerOptions Reflection = WireJson.CreateOptions();

    private static readonly JsonElement Config = JsonDocument.Parse("""{"note":"a <b> & ü +1"}""").RootElement;

    public static TheoryData<object> DialStackAnswers => new()
    {
        new DS.DataWire<DS.AvailableNumberWire>([new("+19194601234", "RALEIGH", "NC", "RALEIGH", "426"), new("+19844240000", "Cary & Apex <x>", "NC", "CARY", "426")]),
        new DS.DataWire<DS.AvailableNumberWire>([]),
        new DS.ListWire<DS.DidWire>("list", "/v1/phone-numbers", "/v1/phone-numbers?page=abc", null, [Did(Config), Did(null)]),
        new DS.ListWire<DS.OrderWire>("list", "/v1/phone-number-orders", null, null, [Order("Already taken: ü")]),
        Did(Config),
        Order(null),
    };

    public static TheoryData<object> TwilioAnswers => new()
    {
        new TW.AvailableNumbersPageWire([Available("(919) 460-1234"), Available("Région <é>")], "/2010-04-01/x.json", "/2010-04-01/x.json?Page=0", null, null, 0, 10, 0, 1),
        Incoming(),
        new TW.IncomingNumbersPageWire([Incoming()], "/u.json", "/u.json?Page=0", "/u.json?Page=1", null, 0, 1, 0, 0),
    };

    [Theory]
    [MemberData(nameof(DialStackAnswers))]
    public void DialStackJsonOptions_ContextRecord_WritesWhatReflectionWrites(object answer) =>
        AssertSameJson(answer, DS.DialStackDialect.JsonOptions, typeof(DS.DialStackJsonContext));

    [Theory]
    [MemberData(nameof(TwilioAnswers))]
    public void TwilioJsonOptions_ContextRecord_WritesWhatReflectionWrites(object answer) =>
        AssertSameJson(answer, TW.TwilioDialect.JsonOptions, typeof(TW.TwilioJsonContext));

    private static void AssertSameJson(object answer, JsonSerializerOptions dialect, Type context)
    {
        var type = answer.GetType();

        Assert.IsType(context, dialect.GetTypeInfo(type).OriginatingResolver);
        Assert.Equal(JsonSerializer.Serialize(answer, type, Reflection), JsonSerializer.Serialize(answer, type, dialect));

        var typeInfo = dialect.GetTypeInfo(type);
        Assert.NotNull(typeInfo.GetType().GetProperty("SerializeHandler")!.GetValue(typeInfo));
        var render = typeof(WireJsonBuffer).GetMethod(nameof(WireJsonBuffer.Render))!.MakeGenericMethod(type);
        var rendered = (ReadOnlyMemory<byte>)render.Invoke(null, [answer, dialect])!;
        Assert.Equal(JsonSerializer.Serialize(answer, type, Reflection), System.Text.Encoding.UTF8.GetString(rendered.Span));
    }

    private static DS.DidWire Did(JsonElement? config) => new(
        "did_01", "+19194601234", "active", "local", null, "2026-01-01T00:00:00Z", true, false, config, "ACME <1>", null, "public",
        "Acme & Co", "listed", null, "user_1", "routing_target", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z");

    private static DS.OrderWire Order(string? error) => new(
        "ord_01", "purchase", "complete", ["+19194601234"], ["+19194601234"], [], error, "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z");

    private static TW.AvailableNumberWire Available(string friendly) => new(
        friendly, "+19194601234", "426", "Raleigh", "RALEIGH", "35.77", "-78.63", "NC", "27601", "US", "none", false, new(true, true, true, false));

    private static TW.IncomingNumberWire Incoming() => new(
        "AC0123456789abcdef0123456789abcdef", null, "none", "2010-04-01", false, new(true, true, true, false),
        "Mon, 30 Nov 2026 12:00:00 +0000", "Mon, 30 Nov 2026 12:00:00 +0000", "(919) 460-1234", null, "+19194601234", "twilio",
        "PN0123456789abcdef0123456789abcdef", "", "POST", "", "POST", "", "", "POST",
        null, "/2010-04-01/x.json", "voice", "", false, "POST", null, "POST", "https://example.com/voice?a=1&b=<2>",
        "Inactive", null, "unregistered", null, "in-use", "local",
        new Dictionary<string, string> { ["assigned_add_ons"] = "/2010-04-01/x/AssignedAddOns.json" });
}
