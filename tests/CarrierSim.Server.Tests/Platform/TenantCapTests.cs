namespace CarrierSim.Server.Tests.Platform;

/// <summary>A client inventing a key per request cannot grow the simulator without bound (CarrierSim:MaxIdleTenants).</summary>
public sealed class TenantCapTests
{
    [Fact]
    public async Task InventedKeysBeyondTheCapEvictIdleTenantsButNotOnesThatOwnNumbers()
    {
        await using var sim = await TestSimulator.StartAsync(new Dictionary<string, string?> { ["CarrierSim:MaxIdleTenants"] = "10" });
        var admin = sim.Admin();
        using var owner = sim.DialNexa("key_owner:secret_owner");
        var number = (await (await owner.Get("v1/organization-phone-numbers/plivo-numbers?country_iso=US&type=local&limit=1")).JsonAsync(200))
            .GetProperty("objects")[0].GetProperty("number").GetString();
        await (await owner.PostJsonAsync("v1/organization-phone-numbers/purchase", new { phone_number = number })).JsonAsync(201);

        for (var i = 0; i < 40; i++)
        {
            using var client = sim.DialNexa($"key_{i}:secret_{i}");
            await (await client.Get("v1/organization-phone-numbers")).JsonAsync(200);
        }

        var accounts = (await (await admin.Get("accounts?dialect=dialnexa")).JsonAsync(200)).EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();

        Assert.InRange(accounts.Count, 2, 11);
        Assert.Contains("key_owner", accounts);
        Assert.Contains("key_39", accounts);
        Assert.DoesNotContain("key_0", accounts);
    }

    [Fact]
    public async Task TheCapIsValidatedAtStart()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSimulator.StartAsync(new Dictionary<string, string?> { ["CarrierSim:MaxIdleTenants"] = "1" }));

        Assert.Contains("MaxIdleTenants", error.Message, StringComparison.Ordinal);
    }
}
