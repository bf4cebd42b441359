using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Prebias.Tests.Dashboard;

/// <summary>
/// Headless Debian Chromium (<c>apt-get install chromium</c>) driven by Playwright's bundled driver: no browser download,
/// no network. A laptop-sized viewport; collects console errors, page errors and failed responses for the assertions.
/// </summary>
public sealed partial class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    // One Chromium for the whole test process (a launch costs seconds on a loaded 2-core machine); each test gets its
    // own context, so cookies, storage and cache never leak from one test into the next.
    private static readonly SemaphoreSlim LaunchGate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    private readonly IBrowserContext _context;

    private Browser(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) => { if (message.Type == "error") ConsoleErrors.Add(message.Text); };
        page.PageError += (_, error) => PageErrors.Add(error);
        page.Response += (_, response) => { if (response.Status >= 400) FailedResponses.Add($"{response.Status} {response.Url}"); };
    }

    public IPage Page { get; }
    public List<string> ConsoleErrors { get; } = [];
    public List<string> PageErrors { get; } = [];
    public List<string> FailedResponses { get; } = [];

    public static async Task<Browser> LaunchAsync()
    {
        var browser = await SharedBrowserAsync();
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return new Browser(context, page);
    }

    private static async Task<IBrowser> SharedBrowserAsync()
    {
        await LaunchGate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(
                new() { ExecutablePath = ChromiumPath, Headless = true, Args = Arguments });
            return _browser;
        }
        finally
        {
            LaunchGate.Release();
        }
    }

    // Endpoints the page asks for that may legitimately be missing (404) or not evaluated yet (409).
    [GeneratedRegex(@"^(404|409) .*/api/(experiments|runs/[0-9a-f-]+/(saturation|bias|checkpoints/\d+/"
        + @"(generations|generations/scores|embeddings|layers|attention)))(\?.*)?$")]
    private static partial Regex OptionalEndpoint();

    /// <summary>
    /// No script error, and no failed request but the optional ones (Chromium logs those as console errors).
    /// </summary>
    public void AssertClean()
    {
        Assert.Empty(PageErrors);
        Assert.All(FailedResponses, r => Assert.Matches(OptionalEndpoint(), r));
        Assert.All(ConsoleErrors, e =>
            Assert.StartsWith("Failed to load resource: the server responded with a status of 40", e));
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
