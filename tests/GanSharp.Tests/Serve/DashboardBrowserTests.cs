using Xunit;
using GanSharp.Tests.Training;
using GanSharp.Recipes;
using GanSharp.Training;
using Microsoft.Playwright;

namespace GanSharp.Tests.Serve;

/// <summary>The dashboard's pages in a real browser, against runs these tests train.</summary>
public sealed class DashboardBrowserTests(ServedRuns served, Chromium chromium) : IClassFixture<ServedRuns>, IClassFixture<Chromium>
{
    private string Url(string hash) => new Uri(served.Server.Address, "/" + hash).ToString();

    [Fact]
    public async Task RunsList_ShowsTheRunTheTestTrained_WithItsStatusAndStep()
    {
        var page = await chromium.NewPage();
        await page.GotoAsync(Url("#/"));
        var row = page.Locator("tr[data-run='finished']");
        await row.WaitForAsync();
        Assert.Equal("finished", await row.Locator("[data-status]").TextContentAsync());
        Assert.Contains("dcgan", await row.TextContentAsync());
        Assert.Contains("4 / 4", await row.TextContentAsync());
        await Chromium.Screenshot(page, "serve-runs.png");
    }

    [Fact]
    public async Task RunPage_CurveGrows_WhileTheRunTrains()
    {
        using var stop = new CancellationTokenSource();
        var dir = new RunDirectory(Path.Combine(served.Runs, "live"));
        var session = TrainingSession.Create(TinyRuns.Dcgan(), TinyRuns.Trainer(100_000) with { SampleEvery = 20 }, dir, _ => { });
        var training = Task.Run(() => session.Train(new ITrainingCallback[] { new Slowly(TimeSpan.FromMilliseconds(40)) }, stop.Token));
        try
        {
            while (MetricsFile(dir) < 3) await Task.Delay(50);
            var page = await chromium.NewPage();
            await page.GotoAsync(Url("#/run/live"));
            var curve = page.Locator("#curves polyline[data-series='loss/d']");
            await curve.WaitForAsync();
            Assert.Equal("running", await page.Locator("h1 [data-status]").TextContentAsync());
            int before = int.Parse((await curve.GetAttributeAsync("data-count"))!);
            await page.WaitForFunctionAsync($"() => Number(document.querySelector(\"#curves polyline[data-series='loss/d']\").dataset.count) >= {before + 10}",
                null, new() { Timeout = 30_000 });
            int after = int.Parse((await curve.GetAttributeAsync("data-count"))!);
            Assert.InRange(after, before + 10, MetricsFile(dir));   // never more points than records on disk
            await page.Locator("#sample-grid[src*='step-']").WaitForAsync(new() { Timeout = 30_000 });
            await Chromium.Screenshot(page, "serve-run.png");
        }
        finally
        {
            stop.Cancel();
            await training;
            session.Dispose();
        }
    }

    [Fact]
    public async Task Compare_DrawsEachRunsCurveOnOnePlot_AndTheirLastGrids()
    {
        served.Train("second", steps: 6);
        var page = await chromium.NewPage();
        await page.GotoAsync(Url("#/"));
        await page.Locator("tr[data-run='second'] input[type=checkbox]").CheckAsync();
        await page.Locator("tr[data-run='finished'] input[type=checkbox]").CheckAsync();
        await page.Locator("#compare").ClickAsync();
        var plot = page.Locator("#compare-curves svg[data-chart='loss/d']");
        await plot.WaitForAsync();
        Assert.Equal("6", await plot.Locator("polyline[data-series='second']").GetAttributeAsync("data-count"));
        Assert.Equal("4", await plot.Locator("polyline[data-series='finished']").GetAttributeAsync("data-count"));
        Assert.Equal(2, await page.Locator(".grid img[src*='step-']").CountAsync());
        await Chromium.Screenshot(page, "serve-compare.png");
    }

    private static int MetricsFile(RunDirectory dir) =>
        File.Exists(dir.Metrics) ? GanSharp.Serve.MetricsFile.ReadFrom(dir.Metrics, 0).Records.Count : 0;

    /// <summary>A pause after every step, so a tiny run trains for as long as a browser needs to watch it.</summary>
    private sealed class Slowly(TimeSpan pause) : ITrainingCallback
    {
        public void OnStep(TrainingState state, StepLog log) => Thread.Sleep(pause);
    }
}
