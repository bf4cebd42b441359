using Microsoft.Playwright;

namespace Prebias.Tests.Dashboard;

/// <summary>Screenshots as test artifacts under TestResults/dashboard/ at the repository root (gitignored).</summary>
public static class Screenshots
{
    public static string Directory { get; } = Locate();

    /// <summary>Saves the viewport and the full page as dashboard-NAME.png and dashboard-NAME-full.png; returns both paths.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var screen = Path.Combine(Directory, $"dashboard-{name}.png");
        var full = Path.Combine(Directory, $"dashboard-{name}-full.png");
        await page.ScreenshotAsync(new() { Path = screen });
        await page.EvaluateAsync("() => window.scrollTo(0, 0)"); // the sticky header stays on top of the full page
        await page.ScreenshotAsync(new() { Path = full, FullPage = true });
        return $"screenshots: {screen}, {full}";
    }

    /// <summary>Saves one element (e.g. <c>#checkpoint-card</c>) as dashboard-NAME.png; returns the path.</summary>
    public static async Task<string> SaveElementAsync(IPage page, string selector, string name)
    {
        var path = Path.Combine(Directory, $"dashboard-{name}.png");
        await page.Locator(selector).ScreenshotAsync(new() { Path = path });
        return $"screenshot: {path}";
    }

    private static string Locate()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Prebias.sln"))) root = root.Parent;
        var directory = Path.Combine(root?.FullName ?? Path.GetTempPath(), "TestResults", "dashboard");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }
}
