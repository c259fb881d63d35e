using System.Text.Json.Nodes;
using GanSharp.Training;

namespace GanSharp.Sweeps;

/// <summary>
/// The number a sweep ranks its cells by, read from a finished cell's folder: FID or KID (lower is
/// better; eval.json when the cell was evaluated, else the last FID of training, --eval-every),
/// or for toy runs the modes captured and the share of high-quality samples (coverage.json; higher is better).
/// </summary>
public static class SweepMetric
{
    public static readonly IReadOnlyList<string> Names = new[] { "fid", "kid", "modes", "high-quality" };

    public static bool LowerIsBetter(string metric) => metric is "fid" or "kid";

    /// <summary>The metric a spec ranks by when it names none: modes for toy data, FID otherwise.</summary>
    public static string DefaultFor(SweepSpec spec) => spec.Fixed.TryGetValue("dataset", out var d) && d.StartsWith("toy:") ? "modes" : "fid";

    /// <summary>The cell's value of <paramref name="metric"/>, or null when the folder has none yet.</summary>
    public static double? Read(RunDirectory cell, string metric)
    {
        switch (metric)
        {
            case "modes":
            case "high-quality":
                var coverage = Json(Path.Combine(cell.Root, "coverage.json"));
                return Number(coverage?[metric == "modes" ? "modesCaptured" : "highQuality"]);
            default:
                var key = metric == "fid" ? "fid" : "kidMean";
                if (Number(Json(Path.Combine(cell.Root, "eval.json"))?[key]) is double evaluated) return evaluated;
                if (!File.Exists(cell.Metrics)) return null;
                var trainingKey = metric == "fid" ? "fid" : "kid";
                return File.ReadLines(cell.Metrics).Reverse().Select(l => Number(Parse(l)?[trainingKey])).FirstOrDefault(v => v is not null);
        }
    }

    private static JsonNode? Json(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : null;

    private static JsonNode? Parse(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { return null; }
    }

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue(out double d) ? d : null;
}
