using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GanSharp.Imaging;

namespace GanSharp.Sweeps;

/// <summary>One row of a sweep's report.</summary>
public sealed record SweepRow(SweepCell Cell, CellState State, double? Metric, long Steps, double? TrainSeconds);

/// <summary>
/// `gan sweep SPEC --report`: RUNS/NAME/report.md — every cell with the options that vary, the
/// metric, steps, training time and state, best first — and one picture per varied option of the
/// metric against its values (report-OPTION.png), from the cells' own folders.
/// </summary>
public static class SweepReport
{
    public static IReadOnlyList<SweepRow> Rows(SweepFolder folder, IReadOnlyList<SweepCell> cells, string metric)
    {
        var rows = cells.Select(c =>
        {
            var dir = folder.Cell(c);
            var last = File.Exists(dir.Metrics) ? File.ReadLines(dir.Metrics).LastOrDefault(l => l.Length > 0) : null;
            var record = last is null ? null : TryParse(last);
            return new SweepRow(c, folder.StateOf(c), SweepMetric.Read(dir, metric), Number(record?["step"]) is double s ? (long)s : 0, Number(record?["train_s"]));
        });
        bool lower = SweepMetric.LowerIsBetter(metric);
        return rows.OrderBy(r => r.Metric is null).ThenBy(r => r.Metric is double m ? (lower ? m : -m) : 0).ThenBy(r => r.Cell.Index).ToList();
    }

    /// <summary>Writes the page and its pictures; returns the page's path.</summary>
    public static string Write(SweepFolder folder, SweepSpec spec, IReadOnlyList<SweepCell> cells)
    {
        string metric = spec.Metric ?? SweepMetric.DefaultFor(spec);
        var rows = Rows(folder, cells, metric);
        var varied = cells.SelectMany(c => c.Varied.Select(kv => kv.Key)).Distinct().ToList();
        var page = new StringBuilder($"# Sweep {spec.Name}\n\n");
        string fixedText = spec.Fixed.Count == 0 ? "its defaults" : string.Join(", ", spec.Fixed.Select(kv => $"`--{kv.Key} {kv.Value}`"));
        page.Append($"`{spec.Family}` with {fixedText}; {cells.Count} cells over {(varied.Count == 0 ? "seeds" : string.Join(", ", varied.Select(v => $"`{v}`")))} and seeds {string.Join(", ", spec.Seeds)}. " +
                    $"Ranked by {metric} ({(SweepMetric.LowerIsBetter(metric) ? "lower" : "higher")} is better); {rows.Count(r => r.State == CellState.Finished)} of {cells.Count} finished.\n\n");
        page.Append("| cell | " + string.Concat(varied.Select(v => $"{v} | ")) + $"seed | {metric} | steps | training time | state |\n");
        page.Append("| --- | " + string.Concat(varied.Select(_ => "--- | ")) + "--- | --- | --- | --- | --- |\n");
        foreach (var r in rows)
        {
            var values = r.Cell.Varied.ToDictionary(kv => kv.Key, kv => kv.Value);
            page.Append($"| {r.Cell.Id} | " + string.Concat(varied.Select(v => $"{values.GetValueOrDefault(v, "")} | ")) +
                        $"{r.Cell.Seed} | {Format(r.Metric)} | {r.Steps:N0} | {(r.TrainSeconds is double t ? TimeSpan.FromSeconds(Math.Round(t)).ToString("g", CultureInfo.InvariantCulture) : "")} | {r.State.ToString().ToLowerInvariant()} |\n");
        }
        foreach (var option in varied)
        {
            var file = $"report-{option}.png";
            if (Plot(Path.Combine(folder.Root, file), option, metric, rows)) page.Append($"\n![{metric} against {option}]({file})\n");
        }
        var path = Path.Combine(folder.Root, "report.md");
        AtomicFile.WriteAllText(path, page.ToString());
        return path;
    }

    /// <summary>The metric of every cell with one against the option's value: a number axis when every value is a number (log when they span 100× or more), else one column per value.</summary>
    private static bool Plot(string path, string option, string metric, IReadOnlyList<SweepRow> rows)
    {
        var points = rows.Where(r => r.Metric is not null).Select(r => (Value: r.Cell.Varied.FirstOrDefault(kv => kv.Key == option).Value, Metric: r.Metric!.Value))
            .Where(p => p.Value is not null).ToList();
        if (points.Count == 0) return false;
        var plot = PlotFonts.NewPlot();
        bool numeric = points.All(p => double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        double[] xs;
        if (numeric)
        {
            xs = points.Select(p => double.Parse(p.Value, CultureInfo.InvariantCulture)).ToArray();
            bool log = xs.All(x => x > 0) && xs.Max() / xs.Min() >= 100;
            if (log)
            {
                xs = xs.Select(Math.Log10).ToArray();
                plot.XLabel($"{option} (log10)");
            }
            else plot.XLabel(option);
        }
        else
        {
            var categories = points.Select(p => p.Value).Distinct().ToList();
            xs = points.Select(p => (double)categories.IndexOf(p.Value)).ToArray();
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray(), categories.ToArray());
            plot.XLabel(option);
        }
        var scatter = plot.Add.ScatterPoints(xs, points.Select(p => p.Metric).ToArray());
        scatter.MarkerSize = 9;
        plot.YLabel($"{metric} ({(SweepMetric.LowerIsBetter(metric) ? "lower" : "higher")} is better)");
        plot.Title($"{metric} against {option}");
        plot.Axes.Margins(0.1, 0.1);
        plot.SavePng(path, 640, 420);
        return true;
    }

    private static string Format(double? value) => value is double v ? v.ToString(Math.Abs(v) >= 100 || v == Math.Floor(v) ? "0.##" : "0.###", CultureInfo.InvariantCulture) : "–";

    private static JsonNode? TryParse(string line)
    {
        try { return JsonNode.Parse(line); }
        catch (System.Text.Json.JsonException) { return null; }
    }

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue(out double d) ? d : null;
}
