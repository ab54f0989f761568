using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CarrierSim.Testing.Tests;

internal static class Http
{
    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(path, Cancel)).JsonAsync(expected);

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string path, object body, HttpStatusCode expected) =>
        await (await client.PostAsJsonAsync(path, body, Cancel)).JsonAsync(expected);

    /// <summary>DialStack: the E.164 numbers of a search.</summary>
    public static async Task<string[]> SearchDialStackAsync(this HttpClient dialstack, string query = "area_code=919&quantity=2")
    {
        var json = await dialstack.GetJsonAsync($"v1/available-phone-numbers?{query}");
        return [.. json.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("phone_number").GetString()!)];
    }

    /// <summary>DialStack: places a purchase order and returns its id.</summary>
    public static async Task<string> OrderDialStackAsync(this HttpClient dialstack, IEnumerable<string> numbers, bool partialAllowed = false)
    {
        var order = await dialstack.PostJsonAsync("v1/phone-number-orders", new { phone_numbers = numbers, partial_allowed = partialAllowed }, HttpStatusCode.Created);
        return order.GetProperty("id").GetString()!;
    }
}
