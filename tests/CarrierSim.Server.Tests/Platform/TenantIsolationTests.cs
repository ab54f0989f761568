using System.Net.Http.Json;
using System.Text.Json;
using CarrierSim.Core.Inventory;
using CarrierSim.Core.Numbering;

namespace CarrierSim.Server.Tests.Platform;

/// <summary>
/// An undeclared key whose text equals a declared account's id acts for a zero-config tenant of its
/// own: it cannot see the declared account's numbers, and what it buys never lands in that account.
/// </summary>
public sealed class TenantIsolationTests
{
    /// <summary>How to call one dialect: its declared account, its keys, and how to buy and list.</summary>
    public sealed record Case(
        string Dialect,
        string DeclaredId,
        string ReaderKey,
        string? ReaderScope,
        string WriterKey,
        string Intruder,
        string? AccountHeader,
        string ListPath,
        Func<string, (string Path, object Body)> Buy)
    {
        public override string ToString() => Dialect;
    }

    public static TheoryData<string> Dialects => ["dialnexa", "identitycall", "agentmessage", "dialstack"];

    private static Case For(string dialect) => dialect switch
    {
        // The reproduction: `Bearer acme:whatever` used to buy numbers into the declared `acme`.
        "dialnexa" => new(dialect, "acme", "key_acme_ro:s3cret", "phone_numbers:read", "key_acme_rw:s3cret", "acme:whatever", null,
            "v1/organization-phone-numbers", n => ("v1/organization-phone-numbers/purchase", new { phone_number = n })),
        "identitycall" => new(dialect, "idc_ACMEACMEACMEACMEACMEACMEACMEACME", "acme-reader", "read", "acme-writer", "idc_ACMEACMEACMEACMEACMEACMEACMEACME", null,
            "api/v1/public/virtual_numbers", n => ("api/v1/public/virtual_numbers/purchase", new { phone_number = n })),
        "agentmessage" => new(dialect, "am_live_acme", "am_live_acmereader", "numbers:read", "am_live_acmewriter", "am_live_acme", null,
            "v1/phone-numbers", n => ("v1/phone-numbers/orders", new { numbers = new[] { n } })),
        // DialStack tenants are key + account header: the intruder's key is the declared tenant's id.
        "dialstack" => new(dialect, "sk_test_acme", "sk_test_acmereader", null, "sk_test_acmewriter", "sk_test_acme", "acct_1",
            "v1/phone-numbers", n => ("v1/phone-number-orders", new { phone_numbers = new[] { n } })),
        _ => throw new ArgumentOutOfRangeException(nameof(dialect)),
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task AnUndeclaredKeyNamedLikeADeclaredAccountActsForATenantOfItsOwn(string dialect)
    {
        var c = For(dialect);
        var settings = new Dictionary<string, string?>
        {
            ["CarrierSim:Accounts:0:Dialect"] = c.Dialect,
            ["CarrierSim:Accounts:0:Id"] = c.DeclaredId,
            ["CarrierSim:Accounts:0:Keys:0:Key"] = c.ReaderKey,
            ["CarrierSim:Accounts:0:Keys:1:Key"] = c.WriterKey,
        };
        if (c.ReaderScope is not null)
        {
            settings["CarrierSim:Accounts:0:Keys:0:Scopes:0"] = c.ReaderScope;
        }

        await using var sim = await TestSimulator.StartAsync(settings);
        var found = await (await sim.Admin().Get("inventory/search?areaCode=919&quantity=2")).JsonAsync(200);
        var numbers = found.EnumerateArray().Select(n => n.GetProperty("phoneNumber").GetString()!).ToArray();
        Assert.Equal(2, numbers.Length);

        var writer = Client(sim, c, c.WriterKey);
        var reader = Client(sim, c, c.ReaderKey);
        var intruder = Client(sim, c, c.Intruder);

        // The declared account owns a number; its reader key may not buy (DialStack has no scopes).
        await BuyAsync(writer, c, numbers[0]);
        if (c.ReaderScope is not null)
        {
            var readerBuy = await reader.PostAsJsonAsync(c.Buy(numbers[1]).Path, c.Buy(numbers[1]).Body, TestContext.Current.CancellationToken);
            Assert.True((int)readerBuy.StatusCode is 401 or 403, $"the read-only key bought: {(int)readerBuy.StatusCode}");
        }

        var declared = sim.Simulation.Accounts.Find(c.Dialect, c.AccountHeader is null ? c.DeclaredId : $"{c.DeclaredId}/{c.AccountHeader}")!;
        Assert.True(declared.Declared);
        Assert.Equal(NumberStatus.OwnedBy(declared.Owner), Status(sim, numbers[0]));

        // The intruder sees none of it, and what it buys is its own.
        Assert.DoesNotContain(Digits(numbers[0]), Digits(await ListAsync(intruder, c)));
        await BuyAsync(intruder, c, numbers[1]);

        Assert.NotEqual(NumberStatus.OwnedBy(declared.Owner), Status(sim, numbers[1]));
        Assert.NotEqual(NumberStatus.Available, Status(sim, numbers[1]));
        var seenByReader = Digits(await ListAsync(reader, c));
        Assert.Contains(Digits(numbers[0]), seenByReader);
        Assert.DoesNotContain(Digits(numbers[1]), seenByReader);
        Assert.DoesNotContain(Digits(numbers[0]), Digits(await ListAsync(intruder, c)));

        // The control plane lists both tenants under the id they were reached by, told apart by Declared.
        var same = sim.Simulation.Accounts.All.Where(a => a.Dialect == c.Dialect && a.Id == declared.Id).ToList();
        Assert.Equal(2, same.Count);
        Assert.Single(same, a => !a.Declared);
        var listed = await (await sim.Admin().Get($"accounts?dialect={c.Dialect}")).JsonAsync(200);
        Assert.Equal(2, listed.EnumerateArray().Count(a => a.GetProperty("id").GetString() == declared.Id));
    }

    [Fact]
    public async Task ADeclaredAccountWithoutKeysIsReachedByTheKeyItsIdNames()
    {
        // A keyless declaration is how a zero-config key gets settings (provider states, config files).
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?>
        {
            ["CarrierSim:Accounts:0:Dialect"] = "agentmessage",
            ["CarrierSim:Accounts:0:Id"] = "am_live_keyless",
            ["CarrierSim:Accounts:0:Credit"] = "7",
        });

        await (await sim.AgentMessage("am_live_keyless").Get("v1/phone-numbers")).JsonAsync(200);

        var account = Assert.Single(sim.Simulation.Accounts.All, a => a.Id == "am_live_keyless");
        Assert.True(account.Declared);
        Assert.Equal(7m, account.Credit);
    }

    private static HttpClient Client(TestSimulator sim, Case c, string key) =>
        c.AccountHeader is { } header ? sim.DialStack(key, header) : c.Dialect switch
        {
            "dialnexa" => sim.DialNexa(key),
            "identitycall" => sim.IdentityCall(key),
            _ => sim.AgentMessage(key),
        };

    private static async Task BuyAsync(HttpClient client, Case c, string number)
    {
        var (path, body) = c.Buy(number);
        var response = await client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"buying {number} failed: {(int)response.StatusCode} {text}");
    }

    private static async Task<string> ListAsync(HttpClient client, Case c)
    {
        var response = await client.GetAsync(c.ListPath, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"listing failed: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetRawText();
    }

    private static NumberStatus Status(TestSimulator sim, string number) => sim.Simulation.Inventory.GetStatus(PhoneNumber.Parse(number).Value);

    private static string Digits(string text) => new([.. text.Where(char.IsDigit)]);
}
