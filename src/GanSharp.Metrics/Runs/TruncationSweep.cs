using System.Globalization;
using System.Text.Json;
using GanSharp.Imaging;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// `gan eval RUN --truncation 0.25,0.5,1,2`: the run evaluated once per ψ with the same noise
/// seeds, so the curves show what truncation alone changes. Writes eval-psi-X.json per ψ, and
/// truncation.json and truncation.png (FID, precision and recall against ψ) in the run folder.
/// </summary>
public static class TruncationSweep
{
    public sealed record Point(double Psi, double Fid, double Kid, double Precision, double Recall, double Density, double Coverage);

    public sealed record Report(string Run, string FeatureNetwork, string Reference, int Count, IReadOnlyList<Point> Points);

    /// <summary>The ψ values of a --truncation list ("0.5" or "0.25,0.5,1"), each a number ≥ 0.</summary>
    public static IReadOnlyList<double> Parse(string list)
    {
        var values = new List<double>();
        foreach (var part in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var psi) || !(psi >= 0) || double.IsInfinity(psi))
                throw new GanSharpException($"--truncation: '{part}' is not a number ≥ 0 (give ψ values joined by commas, e.g. 0.25,0.5,1)");
            values.Add(psi);
        }
        if (values.Count == 0) throw new GanSharpException("--truncation is empty; give ψ values joined by commas, e.g. 0.25,0.5,1");
        return values;
    }

    public static Report Measure(string runFolder, IReadOnlyList<double> psis, int count, long seed, string? features, string? data, string checkpoint, Action<string> say)
    {
        var points = new List<Point>();
        EvaluationReport? last = null;
        foreach (var psi in psis.Order())
        {
            var r = last = RunEvaluation.EvaluateRun(runFolder, count, seed, features, data, checkpoint, psi);
            points.Add(new Point(psi, r.Fid, r.KidMean, r.Precision, r.Recall, r.Density, r.Coverage));
            say($"ψ = {psi,5:0.###}: FID {r.Fid,8:F3}  KID {r.KidMean:F5}  precision {r.Precision:F3}  recall {r.Recall:F3}  density {r.Density:F3}  coverage {r.Coverage:F3}");
        }
        var report = new Report(runFolder, last!.FeatureNetwork, last.Reference, count, points);
        GanSharp.AtomicFile.Write(Path.Combine(runFolder, "truncation.json"), s => JsonSerializer.Serialize(s, report, EvaluationReport.Json));
        TruncationPlot.Save(Path.Combine(runFolder, "truncation.png"), Path.GetFileName(Path.TrimEndingDirectorySeparator(runFolder)),
            points.Select(p => p.Psi).ToArray(), points.Select(p => p.Fid).ToArray(), points.Select(p => p.Precision).ToArray(), points.Select(p => p.Recall).ToArray());
        return report;
    }
}
