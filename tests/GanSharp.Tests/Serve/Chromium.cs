using Xunit;
using Microsoft.Playwright;

namespace GanSharp.Tests.Serve;

/// <summary>
/// Debian's chromium, headless, driven by Playwright for .NET (no browser is downloaded: .ci/run
/// installs the chromium package). A missing browser fails the tests with what to install.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";
    private IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: the browser tests drive Debian's chromium (apt-get install chromium; .ci/run does it)");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Executable, Headless = true, Args = new[] { "--no-sandbox" } });
    }

    /// <summary>A new page 1280 wide; pictures of it go to $GANSHARP_SCREENSHOTS when that is set (the docs' pictures).</summary>
    public async Task<IPage> NewPage() => await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });

    public static async Task Screenshot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GANSHARP_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
    }
}
