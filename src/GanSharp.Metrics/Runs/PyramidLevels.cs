using System.Text.Json;
using GanSharp.Recipes.Pyramid;
using GanSharp.Training;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// `gan eval RUN --levels`: a pyramid run (LAPGAN) evaluated at every level with the same noise.
/// Level k's samples, expanded to the run's resolution, are measured against real images through
/// the same low-pass (reduced to level k's side and expanded back), so each level is judged on the
/// frequencies it has. Writes eval-level-S.json per level side S and levels.json.
/// </summary>
public static class PyramidLevels
{
    public sealed record Point(int Level, int Side, double Fid, double Kid, double Precision, double Recall, double Density, double Coverage);

    public sealed record Report(string Run, long Step, string FeatureNetwork, string Reference, int Count, IReadOnlyList<Point> Points);

    public static Report Measure(string runFolder, int count, long seed, string? features, string? data, string checkpoint, Action<string> say)
    {
        var (levels, sides, step) = LevelsOf(runFolder, checkpoint);
        var points = new List<Point>();
        EvaluationReport? last = null;
        for (int k = 0; k <= levels; k++)
        {
            var r = last = RunEvaluation.EvaluateRun(runFolder, count, seed, features, data, checkpoint, level: k);
            points.Add(new Point(k, sides[k], r.Fid, r.KidMean, r.Precision, r.Recall, r.Density, r.Coverage));
            say($"level {k} ({sides[k]}×{sides[k]}): FID {r.Fid,8:F3}  KID {r.KidMean:F5}  precision {r.Precision:F3}  recall {r.Recall:F3}  density {r.Density:F3}  coverage {r.Coverage:F3}");
        }
        var report = new Report(runFolder, step, last!.FeatureNetwork, last.Reference, count, points);
        GanSharp.AtomicFile.Write(Path.Combine(runFolder, "levels.json"), s => JsonSerializer.Serialize(s, report, EvaluationReport.Json));
        return report;
    }

    private static (int Levels, int[] Sides, long Step) LevelsOf(string runFolder, string checkpoint)
    {
        using var sampler = new RunSampler(runFolder, checkpoint);
        if (sampler.Recipe is not IPyramidSampling pyramid)
            throw new GanSharpException($"--levels needs a family that draws level by level (lapgan); {runFolder} is {sampler.Config.Family}");
        return (pyramid.Levels, Enumerable.Range(0, pyramid.Levels + 1).Select(pyramid.SideOf).ToArray(), sampler.Step);
    }
}
