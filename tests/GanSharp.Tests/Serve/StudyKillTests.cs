using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GanSharp.Serve.Study;
using GanSharp.Tests.Cli;
using Xunit;

namespace GanSharp.Tests.Serve;

/// <summary>Ratings are committed one by one: a `gan serve` killed with SIGKILL in the middle of a study loses none of the answers it acknowledged.</summary>
public sealed class StudyKillTests
{
    [Fact]
    public async Task RatingsSurviveKill9OfTheServer_InTheMiddleOfAStudy()
    {
        using var tmp = TestSetup.Temp();
        var (store, study) = StudyStoreTests.Make(tmp, perRun: 5);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var gan = ChildGan.Start("serve", "--runs", tmp.Path, "--port", "0");
        var line = gan.WaitForLine(l => l.StartsWith("serving "), seconds: 60);
        using var http = new HttpClient { BaseAddress = new Uri(line[(line.IndexOf(" at ") + 4)..line.IndexOf(" (Ctrl")]) };
        for (int i = 0; i < 7; i++)
        {
            var trial = JsonNode.Parse(await (await http.PostAsJsonAsync("/api/studies/s1/next", new { rater = "ann" })).Content.ReadAsStringAsync())!;
            var answered = await http.PostAsJsonAsync("/api/studies/s1/answers", new { trial = trial["id"]!.GetValue<long>(), rater = "ann", answer = i % 2 == 0 ? "real" : "fake", millis = 300 + i });
            Assert.Equal(System.Net.HttpStatusCode.NoContent, answered.StatusCode);
        }
        await http.PostAsJsonAsync("/api/studies/s1/next", new { rater = "ann" });   // an eighth trial shown, never answered
        gan.Signal(9);
        gan.WaitForExit();

        var ratings = new StudyTrials(StudyStore.Open(store.Path)).Ratings(study);
        Assert.Equal(7, ratings.Count);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => 300 + i), ratings.Select(r => r.Millis));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => i % 2 == 0 ? "real" : "fake"), ratings.Select(r => r.Answer));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
