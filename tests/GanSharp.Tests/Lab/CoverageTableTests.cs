using GanSharp.Cli;
using GanSharp.Lab;
using Xunit;

namespace GanSharp.Tests.Lab;

public sealed class CoverageTableTests
{
    [Fact]
    public void MeanSd_IsTheSampleStandardDeviation()
    {
        var (mean, sd) = SampleStatistics.MeanSd(new double[] { 6, 8, 7, 8, 6 });
        Assert.Equal(7.0, mean, 12);
        Assert.Equal(1.0, sd, 12);                         // Σ(x − 7)² = 4, / (5 − 1) = 1
        Assert.Equal(0.0, SampleStatistics.MeanSd(new double[] { 3 }).Sd);
    }

    [Fact]
    public void Goal_NeedsEveryModeAndEnoughHighQuality()
    {
        CoverageRun Run(int modes, double hq) => new("s", "ring", 0, modes, 8, hq, 0.1, 1, "");
        var runs = new[] { Run(8, 0.96), Run(8, 0.94), Run(7, 0.99), Run(8, 0.95) };
        Assert.Equal(2, CoverageTable.MeetingGoal(runs, 0.95));
    }

    [Fact]
    public void IssueGoals_RingCountsRunsGridAveragesThem()
    {
        CoverageRun Ring(int modes, double hq) => new("s", "ring", 0, modes, 8, hq, 0.1, 1, "");
        CoverageRun Grid(int modes, double hq) => new("s", "grid", 0, modes, 25, hq, 0.1, 1, "");
        var ring = CoverageTable.GoalOf("ring")!;
        var nineGood = Enumerable.Repeat(Ring(8, 0.96), 9).Append(Ring(7, 0.99)).ToList();
        Assert.True(ring.Met(nineGood));                                          // 9 of 10
        Assert.False(ring.Met(nineGood.Take(8).Append(Ring(8, 0.949)).Append(Ring(7, 0.99)).ToList()));   // 8 of 10
        Assert.False(ring.Met(nineGood.Take(9).ToList()));                       // fewer than 10 seeds
        var grid = CoverageTable.GoalOf("grid")!;
        var runs = Enumerable.Repeat(Grid(25, 0.95), 6).Concat(Enumerable.Repeat(Grid(24, 0.93), 4)).ToList();
        Assert.True(grid.Met(runs));                                              // means 24.6 and 94.6%
        runs[0] = Grid(24, 0.95);
        Assert.False(grid.Met(runs));                                             // mean 24.5 modes
        Assert.Null(CoverageTable.GoalOf("ring-unrolled"));
    }

    [Fact]
    public void Setting_MayHaveItsOwnSteps()
    {
        Assert.Equal(30000, CoverageSetting.Parse("long=--pack 2 --steps 30000").Steps);
        Assert.Null(CoverageSetting.Parse("pacgan2").Steps);
        var seeds = CoverageSetting.Parse("ten=--pack 2 --seeds 10 --width 8");
        Assert.Equal(10, seeds.Seeds);
        Assert.Equal(new[] { "--pack", "2", "--width", "8" }, seeds.Arguments);            // --seeds is the table's, not gan toy's
        Assert.Contains("positive", Assert.Throws<GanSharpException>(() => CoverageSetting.Parse("bad=--steps x").Steps).Message);
        var only = CoverageSetting.Parse("g=--only grid --pack 4");
        Assert.Equal(new[] { "--pack", "4" }, only.Arguments);
        Assert.True(only.RunsOn("grid"));
        Assert.False(only.RunsOn("ring"));
        Assert.True(CoverageSetting.Parse("both=--only ring,grid").RunsOn("ring"));
        Assert.True(seeds.RunsOn("ring"));
    }

    [Theory]
    [InlineData("pacgan4", "--pack 4")]
    [InlineData("mine=--pack 3 --width 64", "--pack 3 --width 64")]
    public void Setting_IsADefaultOrNameEqualsFlags(string text, string flags) =>
        Assert.Equal(flags, CoverageSetting.Parse(text).Flags);

    [Theory]
    [InlineData("nosuch", "not a default row")]
    [InlineData("a/b=--pack 2", "folder name")]
    public void BadSetting_SaysWhy(string text, string message) =>
        Assert.Contains(message, Assert.Throws<GanSharpException>(() => CoverageSetting.Parse(text)).Message);

    [Fact]
    public void LabTable_TrainsEachCell_WritesThePage_AndReusesFinishedRuns()
    {
        using var tmp = TestSetup.Temp();
        string[] args = { "lab", "table", "--distributions", "ring", "--setting", "tiny=--width 8", "--setting", "tinypack=--width 8 --pack 2 --steps 5", "--setting", "gridonly=--only grid",
            "--seeds", "2", "--steps", "3", "--runs", tmp.File("runs"), "--out", tmp.File("docs/page.md") };
        var output = new StringWriter();
        var err = new StringWriter();
        Assert.True(0 == GanCli.Run(args, output, err), err.ToString());
        Assert.Contains("== ring-tinypack-seed1 ==", output.ToString());
        Assert.Contains("\"step\":5", File.ReadAllText(tmp.File("runs/ring-tinypack-seed1/metrics.jsonl")));   // the row's own --steps
        Assert.DoesNotContain("\"step\":5", File.ReadAllText(tmp.File("runs/ring-tiny-seed1/metrics.jsonl")));       // the others: the table's 3
        string page = File.ReadAllText(tmp.File("docs/page.md"));
        Assert.Contains("| `tiny` | 2 |", page);
        Assert.Contains("| `tinypack` | 2 |", page);
        Assert.DoesNotContain("gridonly", output.ToString());                         // a row --only grid skips the ring
        Assert.Contains("GAN (published: PacGAN, Table 1) | 10 | 6.3 / 8 | 98.2%", page);
        Assert.Contains("Goal of issue 5 on the ring: 8/8 modes in at least 9 of 10 seeds with ≥ 95% high quality — not met by any row.", page);   // 2 seeds of 3 steps
        Assert.True(File.Exists(tmp.File("docs/images/toy-ring-tinypack-seed0.png")));
        // The page's numbers are the runs' own: the first cell's mean of modes from the two coverage files.
        var runs = new[] { 0, 1 }.Select(s => CoverageRun.Read(tmp.File($"runs/ring-tiny-seed{s}"), "tiny", s)!).ToList();
        double modes = runs.Average(r => r.ModesCaptured);
        Assert.Contains($"| `tiny` | 2 | {modes.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)} ± ", page);

        var again = new StringWriter();
        Assert.Equal(0, GanCli.Run(args, again, err));
        Assert.DoesNotContain("==", again.ToString());        // nothing retrained

        // The same row name with other flags (or steps) must not reuse the runs.
        var redefined = args.Select(a => a == "tiny=--width 8" ? "tiny=--width 16" : a).ToArray();
        var changed = new StringWriter();
        Assert.Equal(ExitCode.Error, GanCli.Run(redefined, new StringWriter(), changed));
        Assert.Contains("its width is 8, the row gives 16", changed.ToString());
        var longer = args.Select(a => a == "tinypack=--width 8 --pack 2 --steps 5" ? "tinypack=--width 8 --pack 2 --steps 6" : a).ToArray();
        changed = new StringWriter();
        Assert.Equal(ExitCode.Error, GanCli.Run(longer, new StringWriter(), changed));
        Assert.Contains("it trained 5 steps, the row asks for 6", changed.ToString());

        File.Delete(tmp.File("runs/ring-tiny-seed1/coverage.json"));                  // as if killed before the end
        var partial = new StringWriter();
        Assert.Equal(0, GanCli.Run(args.Append("--no-train").ToArray(), partial, err));
        Assert.Contains("ring-tiny-seed1: not finished, left out", partial.ToString());
        Assert.Contains("| `tiny` | 1 |", File.ReadAllText(tmp.File("docs/page.md")));
    }
}
