using GanSharp.Sweeps;
using Xunit;
using static GanSharp.Tests.Cli.GanCliTests;

namespace GanSharp.Tests.Cli;

/// <summary>gan sweep end to end on the toy ring: the cells run as child processes, a second run does nothing, a killed sweep finishes when run again.</summary>
public sealed class SweepCliTests
{
    private static string Spec(TempFolder tmp, int steps, string name = "ring")
    {
        var path = tmp.File(name + ".json");
        File.WriteAllText(path, $$$"""
            {"name": "{{{name}}}", "family": "toy", "fixed": {"dataset": "toy:ring", "steps": {{{steps}}}, "sample-every": 100, "checkpoint-every": 50},
             "grid": {"lr-g": [0.0001, 0.001], "d-steps": [1, 2]}}
            """);
        return path;
    }

    [Fact]
    public void Local2_FinishesTheGrid_TheReportShowsItsCoverage_AndASecondRunDoesNothing()
    {
        using var tmp = TestSetup.Temp();
        var spec = Spec(tmp, steps: 200);
        var runs = tmp.File("runs");
        var (code, output, err) = Run("sweep", spec, "--runs", runs, "--local", "2");
        Assert.True(code == 0, output + err);
        Assert.Contains("sweep done: 4 finished, 0 failed", output);
        foreach (var i in Enumerable.Range(0, 4))
            Assert.True(File.Exists(Path.Combine(runs, "ring", $"cell-{i:D3}", "coverage.json")), $"cell {i} has no coverage.json");
        (code, output, _) = Run("sweep", spec, "--runs", runs, "--report");
        Assert.Equal(0, code);
        var page = File.ReadAllText(Path.Combine(runs, "ring", "report.md"));
        Assert.Contains("Ranked by modes", page);
        Assert.Equal(4, page.Split('\n').Count(l => l.StartsWith("| cell-0") && l.Contains("| finished |")));
        Assert.True(new FileInfo(Path.Combine(runs, "ring", "report-lr-g.png")).Length > 1000);
        var before = Directory.GetFiles(runs, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        (code, output, _) = Run("sweep", spec, "--runs", runs, "--local", "2");
        Assert.Equal(0, code);
        Assert.Contains("4 finished or failed before, 0 to run", output);
        Assert.All(before.Where(kv => !kv.Key.EndsWith("sweep.json")), kv => Assert.Equal(kv.Value, File.GetLastWriteTimeUtc(kv.Key)));
    }

    [Fact]
    public void AKilledSweep_RunAgain_ResumesTheInterruptedCellsAndFinishesTheRest()
    {
        using var tmp = TestSetup.Temp();
        var spec = Spec(tmp, steps: 400, name: "long");
        var runs = tmp.File("runs");
        using (var gan = ChildGan.Start("sweep", spec, "--runs", runs, "--local", "2"))
        {
            gan.WaitForLine(l => l.Contains("cell-001 started"));
            var checkpoint = Path.Combine(runs, "long", "cell-000", "checkpoints", "last.ckpt");
            for (var deadline = DateTime.UtcNow.AddSeconds(120); !File.Exists(checkpoint) && DateTime.UtcNow < deadline;) Thread.Sleep(100);
            gan.Signal(ChildGan.SigTerm);
            Assert.Equal(143, gan.WaitForExit());
            Assert.Contains("stopped; run the same command again", gan.Printed);
        }
        var cells = SweepCells.Expand(SweepSpec.Load(spec));
        var folder = new SweepFolder(runs, SweepSpec.Load(spec));
        Assert.Equal(CellState.Interrupted, folder.StateOf(cells[0]));
        Assert.Equal(CellState.NotStarted, folder.StateOf(cells[3]));
        File.WriteAllText(spec, File.ReadAllText(spec));   // the same spec, untouched
        var (code, output, err) = Run("sweep", spec, "--runs", runs, "--local", "2");
        Assert.True(code == 0, output + err);
        Assert.All(cells, c => Assert.Equal(CellState.Finished, folder.StateOf(c)));
        Assert.Contains("resumed", File.ReadAllText(folder.Cell(cells[0]).Log));
        Assert.DoesNotContain("resumed", File.ReadAllText(folder.Cell(cells[3]).Log));
    }

    [Fact]
    public void ACellWithABadOption_StopsTheSweepBeforeAnythingStarts_NamingTheCell()
    {
        using var tmp = TestSetup.Temp();
        var spec = tmp.File("bad.json");
        File.WriteAllText(spec, """{"family": "toy", "fixed": {"dataset": "toy:ring"}, "grid": {"lr-g": [0.001, -1]}}""");
        var (code, _, err) = Run("sweep", spec, "--runs", tmp.File("runs"), "--local", "2");
        Assert.NotEqual(0, code);
        Assert.Contains("cell-001 (lr-g=-1 seed=0)", err);
        Assert.Contains("--lr-g", err);
        Assert.False(Directory.Exists(tmp.File("runs")));
    }
}
