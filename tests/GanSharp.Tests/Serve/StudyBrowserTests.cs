using GanSharp.Serve;
using GanSharp.Serve.Study;
using Microsoft.Data.Sqlite;
using Xunit;

namespace GanSharp.Tests.Serve;

/// <summary>A scripted rater takes a 20-trial study of two real runs in the browser; the results page must show what it clicked.</summary>
public sealed class StudyBrowserTests(ServedRuns served, Chromium chromium) : IClassFixture<ServedRuns>, IClassFixture<Chromium>
{
    [Fact]
    public async Task AScriptedRater_CompletesTwentyTrials_AndTheResultsShowItsCounts()
    {
        served.Train("other", steps: 4);
        var runs = new RunsFolder(served.Runs);
        StudyCreation.Create(runs, new[] { Path.Combine(served.Runs, "finished"), Path.Combine(served.Runs, "other") }, "twenty", StudyModes.Single, 0, images: 5, seed: 1, _ => { });
        var page = await chromium.NewPage();
        await page.GotoAsync(new Uri(served.Server.Address, "/#/study/twenty").ToString());
        await page.Locator("#rater").FillAsync("script");
        await page.Locator("#start").ClickAsync();
        var answers = new Dictionary<long, string>();
        for (int trial = 0; trial < 20; trial++)
        {
            var image = page.Locator("img.trial");
            await image.WaitForAsync();
            await Microsoft.Playwright.Assertions.Expect(page.Locator("#progress")).ToHaveTextAsync($"{trial + 1} of 20");
            long id = long.Parse((await image.GetAttributeAsync("data-image"))!);
            string answer = trial % 3 == 0 ? "fake" : "real";
            answers[id] = answer;
            var button = page.Locator($"button[data-answer='{answer}']");
            await button.WaitForAsync();
            await page.WaitForFunctionAsync($"() => !document.querySelector(\"button[data-answer='{answer}']\").disabled");
            await button.ClickAsync();
            if (trial == 5) await Chromium.Screenshot(page, "serve-study.png");
        }
        await page.Locator("#done").WaitForAsync();
        Assert.Equal(20, answers.Count);

        // What the clicks mean, from the studies file itself: which images were real, of which run.
        var truth = Truth(Path.Combine(served.Runs, StudyStore.FileName));
        await page.GotoAsync(new Uri(served.Server.Address, "/#/results/twenty").ToString());
        await page.Locator("#results").WaitForAsync();
        Assert.Equal("20 ratings (single mode) by 1 rater(s): script: 20", await page.Locator("#total").TextContentAsync());
        foreach (var run in new[] { "finished", "other" })
        {
            int fooled = answers.Count(a => truth[a.Key] == (run, false) && a.Value == "real");
            int realCalledReal = answers.Count(a => truth[a.Key] == (run, true) && a.Value == "real");
            Assert.Equal($"{fooled} / 5", await page.Locator($"tr[data-run='{run}'] td.fooled").TextContentAsync());
            Assert.Equal($"{realCalledReal} / 5", await page.Locator($"tr[data-run='{run}'] td.real").TextContentAsync());
        }
        await Chromium.Screenshot(page, "serve-results.png");
    }

    private static Dictionary<long, (string Run, bool Real)> Truth(string db)
    {
        var truth = new Dictionary<long, (string, bool)>();
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
        connection.Open();
        using var reader = new SqliteCommand("SELECT id, run, real FROM images", connection).ExecuteReader();
        while (reader.Read()) truth[reader.GetInt64(0)] = (reader.GetString(1), reader.GetInt64(2) == 1);
        return truth;
    }
}
