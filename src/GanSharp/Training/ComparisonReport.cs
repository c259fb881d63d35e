using System.Globalization;
using System.Text;
using GanSharp.Training.Callbacks;

namespace GanSharp.Training;

/// <summary>
/// A Markdown page comparing finished runs side by side: their settings, the last logged numbers,
/// time and throughput, the last sample grid and the loss curves (copied next to the page, so the
/// page and its pictures can be committed together).
/// </summary>
public static class ComparisonReport
{
    /// <summary>FID and KID of a run's eval.json (written by gan eval), and a sentence on how they were measured.</summary>
    private static (double? Fid, double? Kid, string? Note) ReadEvaluation(string path)
    {
        if (!File.Exists(path)) return (null, null, null);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var r = doc.RootElement;
        string note = $"{r.GetProperty("generatedCount").GetInt64():N0} samples against {r.GetProperty("realCount").GetInt64():N0} images of the {r.GetProperty("reference").GetString()}, in the features of {r.GetProperty("featureNetwork").GetString()}.";
        return (r.GetProperty("fid").GetDouble(), r.GetProperty("kidMean").GetDouble(), note);
    }

    private static string Format(double? v, string format) => v is double x ? x.ToString(format, CultureInfo.InvariantCulture) : "–";

    /// <summary>Writes <paramref name="pagePath"/> and its images (in an images/ folder beside it) from the run folders.</summary>
    public static void Write(string pagePath, string title, string intro, IReadOnlyList<string> runFolders)
    {
        var pageDir = Path.GetDirectoryName(Path.GetFullPath(pagePath))!;
        var imageDir = Path.Combine(pageDir, "images");
        Directory.CreateDirectory(imageDir);
        var md = new StringBuilder();
        md.AppendLine($"# {title}").AppendLine().AppendLine(intro).AppendLine();
        md.AppendLine("| run | family | loss | steps | real images | train time | images/s | loss/d | loss/g | d/real | d/fake | FID | KID |");
        md.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var rows = new List<(string Name, RunConfig Config, string Grid, string Curves)>();
        var fids = new List<(string Family, double Fid)>();
        string? evalNote = null;
        foreach (var folder in runFolders)
        {
            var dir = new RunDirectory(folder);
            var config = RunConfig.Load(dir.Config);
            var last = MetricsLog.ReadAll(dir.Metrics).LastOrDefault()
                ?? throw new GanSharpException($"{dir.Metrics}: no metrics (did the run start?)");
            string name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/'));
            string Num(string key, string format = "0.000") =>
                last[key] is { } v ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture).ToString(format, CultureInfo.InvariantCulture) : "–";
            string loss = config.Options is Recipes.Options.ClassifierGanOptions c ? c.Loss : config.Family;
            var (fid, kid, note) = ReadEvaluation(Path.Combine(dir.Root, "eval.json"));
            if (fid is double f) fids.Add((config.Family, f));
            evalNote ??= note;
            md.AppendLine($"| {name} | {config.Family} | {loss} | {Num("step", "0")} | {Num("images", "N0")} | {TimeSpan.FromSeconds(double.Parse(Num("train_s", "0"), CultureInfo.InvariantCulture)):g} | {Num("images_per_s", "N0")} | {Num("loss/d")} | {Num("loss/g")} | {Num("d/real")} | {Num("d/fake")} | {Format(fid, "0.00")} | {Format(kid, "0.0000")} |");
            var grid = Directory.GetFiles(dir.Samples, "step-*.png").Order().LastOrDefault()
                ?? throw new GanSharpException($"{dir.Samples}: no sample grid");
            string gridName = $"{name}-samples.png", curvesName = $"{name}-losses.png";
            File.Copy(grid, Path.Combine(imageDir, gridName), overwrite: true);
            File.Copy(dir.LossPlot, Path.Combine(imageDir, curvesName), overwrite: true);
            rows.Add((name, config, gridName, curvesName));
        }
        md.AppendLine().AppendLine("d/real and d/fake are mean D(x) and D(G(z)) for the BCE losses, mean critic scores for the others, and reconstruction energies for BEGAN and EBGAN.").AppendLine();
        if (evalNote is not null) md.AppendLine($"FID and KID: {evalNote}").AppendLine();
        if (fids.GroupBy(x => x.Family).Any(grp => grp.Count() > 1))
        {
            md.AppendLine("## FID over seeds").AppendLine().AppendLine("| family | runs | FID mean | FID std | best | worst |").AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var grp in fids.GroupBy(x => x.Family))
            {
                var v = grp.Select(x => x.Fid).ToArray();
                var (mean, std) = SampleStatistics.MeanSd(v);
                md.AppendLine($"| {grp.Key} | {v.Length} | {mean:0.00} | {std:0.00} | {v.Min():0.00} | {v.Max():0.00} |");
            }
            md.AppendLine();
        }
        md.AppendLine("## Samples (last grid of each run, fixed noise)").AppendLine();
        foreach (var chunk in rows.Chunk(4))
        {
            md.AppendLine("| " + string.Join(" | ", chunk.Select(r => r.Name)) + " |");
            md.AppendLine("|" + string.Concat(chunk.Select(_ => " --- |")));
            md.AppendLine("| " + string.Join(" | ", chunk.Select(r => $"![{r.Name}](images/{r.Grid})")) + " |").AppendLine();
        }
        md.AppendLine("## Loss curves").AppendLine();
        foreach (var r in rows) md.AppendLine($"### {r.Name}").AppendLine().AppendLine($"![{r.Name} losses](images/{r.Curves})").AppendLine();
        AtomicFile.WriteAllText(pagePath, md.ToString());
    }
}
