using GanSharp.Serve.Study;
using Microsoft.Data.Sqlite;
using Xunit;

namespace GanSharp.Tests.Serve;

public sealed class StudyStoreTests
{
    /// <summary>A study of two runs with <paramref name="perRun"/> generated and as many real images each; each PNG's bytes say what it is.</summary>
    internal static (StudyStore Store, StudyInfo Study) Make(TempFolder tmp, string mode = StudyModes.Single, int perRun = 3)
    {
        var store = StudyStore.In(tmp.Path);
        var images = new[] { "a", "b" }.SelectMany(run => Enumerable.Range(0, 2 * perRun).Select(i =>
            new StudyImage(run, i >= perRun, i % 2, System.Text.Encoding.ASCII.GetBytes($"{run}-{(i >= perRun ? "real" : "fake")}-{i}")))).ToList();
        var study = store.Create("s1", mode, 0, new[] { new StudyRun("a", 10, null), new StudyRun("b", 20, new[] { "zero", "one" }) }, images, new Random(3));
        return (store, study);
    }

    private static bool IsReal(StudyStore store, StudyInfo study, long image) => System.Text.Encoding.ASCII.GetString(store.Image(study, image)!).Contains("-real-");

    [Fact]
    public void EachRater_SeesEveryImageOnce_AndTheStoredTruthIsTheImages()
    {
        using var tmp = TestSetup.Temp();
        var (store, study) = Make(tmp);
        var trials = new StudyTrials(store);
        foreach (var rater in new[] { "ann", "bob" })
        {
            var seen = new List<long>();
            while (trials.Next(study, rater, new Random(seen.Count)) is { } trial)
            {
                seen.Add(trial.Images.Single());
                Assert.Equal(AnswerOutcome.Recorded, trials.Answer(study, trial.Id, rater, "real", 500));
            }
            Assert.Equal(12, seen.Count);
            Assert.Equal(12, seen.Distinct().Count());
        }
        var ratings = trials.Ratings(study);
        Assert.Equal(24, ratings.Count);
        Assert.All(ratings, r => Assert.Equal(IsReal(store, study, r.Image) ? "real" : "fake", r.Truth));
        var results = StudyResults.Of(study, ratings);
        var a = results.Runs.Single(r => r.Run == "a");
        Assert.Equal((6L, 6L), (a.Fooling.Count, a.Fooling.Trials));              // every fake called real, by two raters
        Assert.Equal((6L, 6L), (a.RealCalledReal!.Count, a.RealCalledReal.Trials));
        Assert.Equal(0.5, a.Error.Rate!.Value, 12);                                 // HYPE∞: half the answers wrong
        Assert.Equal(1.0, results.Agreement!.Value, 12);                             // both raters said the same about every image
    }

    [Fact]
    public void AnIssuedTrial_IsIssuedAgainUntilAnswered_AndAnswersAreChecked()
    {
        using var tmp = TestSetup.Temp();
        var (store, study) = Make(tmp);
        var trials = new StudyTrials(store);
        var first = trials.Next(study, "ann", new Random(1))!;
        Assert.Equal(first.Id, trials.Next(study, "ann", new Random(2))!.Id);      // a reload shows the same image
        Assert.Equal(AnswerOutcome.NoSuchTrial, trials.Answer(study, first.Id, "bob", "real", 10));    // not bob's
        Assert.Equal(AnswerOutcome.NotAnAnswer, trials.Answer(study, first.Id, "ann", "left", 10));   // a pair's answer
        Assert.Equal(AnswerOutcome.NotAnAnswer, trials.Answer(study, first.Id, "ann", "real", -1));
        Assert.Equal(AnswerOutcome.Recorded, trials.Answer(study, first.Id, "ann", "fake", 10));
        Assert.Equal(AnswerOutcome.AlreadyAnswered, trials.Answer(study, first.Id, "ann", "real", 10));
        Assert.Equal("fake", trials.Ratings(study).Single().Answer);
        Assert.Equal(1, trials.Next(study, "ann", new Random(1))!.Done);
    }

    [Fact]
    public void PairTrials_ShowAFakeAndARealOfOneRun_AndTruthNamesTheRealSide()
    {
        using var tmp = TestSetup.Temp();
        var (store, study) = Make(tmp, StudyModes.Pair);
        var trials = new StudyTrials(store);
        int n = 0;
        while (trials.Next(study, "ann", new Random(n)) is { } trial)
        {
            Assert.Equal(2, trial.Images.Count);
            string left = System.Text.Encoding.ASCII.GetString(store.Image(study, trial.Images[0])!), right = System.Text.Encoding.ASCII.GetString(store.Image(study, trial.Images[1])!);
            Assert.Equal(left[..1], right[..1]);                                     // one run
            Assert.NotEqual(left.Contains("-real-"), right.Contains("-real-"));      // one real, one generated
            trials.Answer(study, trial.Id, "ann", "left", 100);
            n++;
            var rating = trials.Ratings(study).Last();
            Assert.Equal(left.Contains("-real-") ? "left" : "right", rating.Truth);
            Assert.Equal(!left.Contains("-real-"), rating.Fooled);
        }
        Assert.Equal(6, n);                                                           // every generated image once
        var b = StudyResults.Of(study, trials.Ratings(study)).Runs.Single(r => r.Run == "b");
        Assert.Null(b.RealCalledReal);
        Assert.Equal(new[] { "zero", "one" }, b.Classes.Select(c => c.Name));
    }

    [Fact]
    public void Csv_HasOneLinePerRating_ThatReadsBack()
    {
        using var tmp = TestSetup.Temp();
        var (store, study) = Make(tmp);
        var trials = new StudyTrials(store);
        for (int i = 0; i < 5; i++) trials.Answer(study, trials.Next(study, "ann, \"the\" rater", new Random(i))!.Id, "ann, \"the\" rater", i % 2 == 0 ? "real" : "fake", 100 * i);
        var lines = StudyResults.Csv(study, trials.Ratings(study)).TrimEnd('\n').Split('\n');
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("study,trial,rater,run,image", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("s1,", l));
        Assert.Contains("\"ann, \"\"the\"\" rater\"", lines[1]);
        Assert.Equal(new[] { "0", "100", "200", "300", "400" }, lines.Skip(1).Select(l => l.Split(',')[^2]));
    }

    [Fact]
    public void AFileOfANewerSchema_OrOfAnotherProgram_IsRefusedWithItsPath()
    {
        using var tmp = TestSetup.Temp();
        var newer = tmp.File("newer.db");
        using (var c = new SqliteConnection($"Data Source={newer}")) { c.Open(); new SqliteCommand("PRAGMA user_version = 9;", c).ExecuteNonQuery(); }
        var e = Assert.Throws<GanSharpException>(() => StudyStore.Open(newer));
        Assert.Contains(newer, e.Message);
        Assert.Contains("version 9", e.Message);
        var other = tmp.File("other.db");
        using (var c = new SqliteConnection($"Data Source={other}")) { c.Open(); new SqliteCommand("CREATE TABLE notes (x TEXT);", c).ExecuteNonQuery(); }
        Assert.Contains("not a GanSharp studies file", Assert.Throws<GanSharpException>(() => StudyStore.Open(other)).Message);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void BadStudyOptions_AreErrorsNamingTheOption()
    {
        using var tmp = TestSetup.Temp();
        var store = StudyStore.In(tmp.Path);
        var runs = new[] { new StudyRun("a", 1, null) };
        var none = Array.Empty<StudyImage>();
        Assert.Contains("--name", Assert.Throws<GanSharpException>(() => store.Create("a b", StudyModes.Single, 0, runs, none, new Random())).Message);
        Assert.Contains("--mode", Assert.Throws<GanSharpException>(() => store.Create("a", "triple", 0, runs, none, new Random())).Message);
        Assert.Contains("--seconds", Assert.Throws<GanSharpException>(() => store.Create("a", StudyModes.Single, -1, runs, none, new Random())).Message);
        store.Create("a", StudyModes.Single, 0, runs, none, new Random());
        Assert.Contains("already has a study named a", Assert.Throws<GanSharpException>(() => store.Create("a", StudyModes.Single, 0, runs, none, new Random())).Message);
    }
}
