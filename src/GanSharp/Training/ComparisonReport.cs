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
    /// <summary>Writes <paramref name="pagePath"/> and its images (in an images/ folder beside it) from the run folders.</summary>
    public static void Write(string pagePath, string title, string intro, IReadOnlyList<string> runFolders)
    {
        var pageDir = Path.GetDirectoryName(Path.GetFullPath(pagePath))!;
        var imageDir = Path.Combine(pageDir, "images");
        Directory.CreateDirectory(imageDir);
        var md = new StringBuilder();
        md.AppendLine($"# {title}").AppendLine().AppendLine(intro).AppendLine();
        md.AppendLine("| run | family | loss | steps | real images | train time | images/s | loss/d | loss/g | d/real | d/fake |");
        md.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var rows = new List<(string Name, RunConfig Config, string Grid, string Curves)>();
        foreach (var folder in runFolders)
        {
            var dir = new RunDirectory(folder);
            var config = RunConfig.Load(dir.Config);
            var last = MetricsLog.ReadAll(dir.Metrics).LastOrDefault()
                ?? throw new GanSharpException($"{dir.Metrics}: no metrics (did the run start?)");
            string name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/'));
            string Num(string key, string format = "0.000") =>
                last[key] is { } v ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture).ToString(format, CultureInfo.InvariantCulture) : "–";
            string loss = config.Gan.Recipe == "gan" ? config.Gan.Loss : config.Gan.Recipe;
            md.AppendLine($"| {name} | {config.Gan.Family} | {loss} | {Num("step", "0")} | {Num("images", "N0")} | {TimeSpan.FromSeconds(double.Parse(Num("train_s", "0"), CultureInfo.InvariantCulture)):g} | {Num("images_per_s", "N0")} | {Num("loss/d")} | {Num("loss/g")} | {Num("d/real")} | {Num("d/fake")} |");
            var grid = Directory.GetFiles(dir.Samples, "step-*.png").Order().LastOrDefault()
                ?? throw new GanSharpException($"{dir.Samples}: no sample grid");
            string gridName = $"{name}-samples.png", curvesName = $"{name}-losses.png";
            File.Copy(grid, Path.Combine(imageDir, gridName), overwrite: true);
            File.Copy(dir.LossPlot, Path.Combine(imageDir, curvesName), overwrite: true);
            rows.Add((name, config, gridName, curvesName));
        }
        md.AppendLine().AppendLine("d/real and d/fake are mean D(x) and D(G(z)) for the BCE losses, mean critic scores for the others, and reconstruction energies for BEGAN and EBGAN.").AppendLine();
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
