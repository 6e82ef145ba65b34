using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using ResNetService.Api.Security;
using ResNetService.Api.Tests.Support;

namespace ResNetService.Console.Tests;

/// <summary>
/// The service on a loopback port over real HTTP, and Debian's chromium driven by Playwright (whose own browser download
/// is not used: the tests run offline). Screenshots go to <c>screenshots/</c> in the test's output folder.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    /// <summary>Where test.sh (scripts/install-test-chromium.sh) puts it; CHROMIUM_PATH names another.</summary>
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    static ConsoleBrowser() =>
        // Every expectation waits for its condition; Playwright's 5 s default is shorter than an upload takes on a
        // loaded two-core machine, where these tests run beside the others.
        Assertions.SetDefaultExpectTimeout(60_000);

    private readonly ServiceFactory _service;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ConsoleBrowser(ServiceFactory service, string address, IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        _service = service;
        Address = address;
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
    }

    public ServiceFactory Service => _service;
    public string Address { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>A client of the API, with the service's admin key when it has one.</summary>
    public HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = new Uri(Address) };
        if (_service.Services.GetRequiredService<IOptions<AuthOptions>>().Value.ApiKey is { } key)
            client.DefaultRequestHeaders.Add(AuthOptions.HeaderName, key);
        return client;
    }

    /// <summary>Enters the key at the top of the page, as a person does; the console keeps it for the browser session.</summary>
    public async Task UseKeyAsync(string key)
    {
        await Page.GetByLabel("API key").FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#key-state")).ToHaveTextAsync("Key set for this browser session.");
    }

    public static async Task<ConsoleBrowser> StartAsync(Dictionary<string, string?> settings)
    {
        Assert.True(File.Exists(ChromiumPath), $"The browser tests need chromium at {ChromiumPath}: apt-get install chromium (test.sh does it when run as root), or set CHROMIUM_PATH.");
        var service = ServiceFactory.With(new Dictionary<string, string?>(settings) { ["urls"] = "http://127.0.0.1:0" });
        service.UseKestrel();
        service.StartServer();
        var address = service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, BaseURL = address });
        var page = await context.NewPageAsync();
        return new ConsoleBrowser(service, address, playwright, browser, context, page);
    }

    public async Task GoToAsync(string fragment, string heading)
    {
        await Page.GotoAsync($"/{fragment}");
        await Assertions.Expect(Page.Locator("h1")).ToContainTextAsync(heading);
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Screenshots);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });
    }

    /// <summary>Serious and critical accessibility violations axe finds on the page as it is now.</summary>
    public async Task<IReadOnlyList<string>> AccessibilityProblemsAsync()
    {
        var result = await Page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
    }

    /// <summary>Whether the page can be read without scrolling sideways (wide tables scroll inside their own box).</summary>
    public Task<bool> FitsWidthAsync() => Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
        await _service.DisposeAsync();
    }
}
