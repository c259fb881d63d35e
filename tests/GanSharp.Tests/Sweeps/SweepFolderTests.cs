using GanSharp.Sweeps;
using Xunit;

namespace GanSharp.Tests.Sweeps;

public sealed class SweepFolderTests
{
    [Fact]
    public void AChangedSpec_CannotContinueTheOldSweepsCells()
    {
        using var tmp = TestSetup.Temp();
        var spec = SweepSpecTests.Spec(tmp, """{"name": "s", "family": "toy", "grid": {"lr-g": [0.0001, 0.001]}}""");
        new SweepFolder(tmp.Path, spec).Record(SweepCells.Expand(spec));
        new SweepFolder(tmp.Path, spec).Record(SweepCells.Expand(spec));   // the same spec again: fine
        var changed = SweepSpecTests.Spec(tmp, """{"name": "s", "family": "toy", "grid": {"lr-g": [0.0001, 0.002]}}""");
        var e = Assert.Throws<GanSharpException>(() => new SweepFolder(tmp.Path, changed).Record(SweepCells.Expand(changed)));
        Assert.Contains("cell-001 was started as 'lr-g=0.001 seed=0', the spec now makes it 'lr-g=0.002 seed=0'", e.Message);
        var fewer = SweepSpecTests.Spec(tmp, """{"name": "s", "family": "toy", "grid": {"lr-g": [0.0001]}}""");
        Assert.Contains("started with 2 cells, the spec now makes 1", Assert.Throws<GanSharpException>(() => new SweepFolder(tmp.Path, fewer).Record(SweepCells.Expand(fewer))).Message);
    }

    [Fact]
    public void Report_RanksByTheMetric_BestFirst_UnfinishedLast()
    {
        using var tmp = TestSetup.Temp();
        var spec = SweepSpecTests.Spec(tmp, """{"name": "s", "family": "dcgan", "grid": {"lr-g": [0.0001, 0.0002, 0.0004]}}""");
        var cells = SweepCells.Expand(spec);
        var folder = new SweepFolder(tmp.Path, spec);
        // Three cell folders as training leaves them: FID during training in metrics.jsonl; one evaluated (eval.json wins); none for the last.
        void Cell(int i, string metrics, string? eval = null)
        {
            var dir = folder.Cell(cells[i]).Create();
            File.WriteAllText(dir.Config, "{}");
            File.WriteAllText(dir.Metrics, metrics);
            File.WriteAllText(dir.Log, "2026-12-04 10:00:00 done: 20 steps in 0:00:05; samples in x\n");
            if (eval is not null) File.WriteAllText(Path.Combine(dir.Root, "eval.json"), eval);
        }
        Cell(0, "{\"step\":10,\"fid\":30.5}\n{\"step\":20,\"loss/d\":1,\"train_s\":5}\n");
        Cell(1, "{\"step\":10,\"fid\":40}\n{\"step\":20,\"fid\":25,\"train_s\":6}\n", eval: "{\"fid\": 12.25, \"kidMean\": 0.1}");
        Cell(2, "{\"step\":10,\"loss/d\":1}\n");
        var rows = SweepReport.Rows(folder, cells, "fid");
        Assert.Equal(new[] { "cell-001", "cell-000", "cell-002" }, rows.Select(r => r.Cell.Id));
        Assert.Equal(new double?[] { 12.25, 30.5, null }, rows.Select(r => r.Metric));
        Assert.Equal(new long[] { 20, 20, 10 }, rows.Select(r => r.Steps));
        var page = File.ReadAllText(SweepReport.Write(folder, spec, cells));
        Assert.Contains("| cell-001 | 0.0002 | 0 | 12.25 | 20 |", page);
        Assert.True(File.Exists(Path.Combine(folder.Root, "report-lr-g.png")));
    }
}
