using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(CarrierSim.Dashboard.Tests.BrowserFixture))]

namespace CarrierSim.Dashboard.Tests;

/// <summary>One headless chromium for the whole run; each test opens its own context (its own sessionStorage).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>A fresh browser context and page; skips (or, under CI, fails) when chromium is missing.</summary>
    public async Task<IPage> NewPageAsync()
    {
        ChromiumAvailability.Require();
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_browser is null)
            {
                _playwright = await Playwright.CreateAsync();

                // The machine is small and shared: give every wait the same generous limit.
                Assertions.SetDefaultExpectTimeout(20_000);
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ChromiumAvailability.ExecutablePath,
                    Headless = true,
                });
            }
        }
        finally
        {
            _gate.Release();
        }

        var context = await _browser.NewContextAsync();
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _gate.Dispose();
    }
}
