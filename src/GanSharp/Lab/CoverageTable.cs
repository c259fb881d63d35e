using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GanSharp.Lab;

/// <summary>A named set of `gan toy` flags, one row of the mode-coverage table.</summary>
public sealed record CoverageSetting(string Name, string Flags, string Description)
{
    /// <summary>
    /// The rows of the default table: the plain GAN, other losses of the library, and the
    /// mode-collapse remedies (packing, unrolling). Flags are on top of the toy family's defaults.
    /// </summary>
    public static IReadOnlyList<CoverageSetting> Defaults { get; } = new CoverageSetting[]
    {
        new("gan", "", "non-saturating GAN (toy defaults: Adam 1e-3, β1 0.5, batch 128)"),
        new("minimax", "--loss minimax", "the minimax (saturating) loss of the original paper"),
        new("lsgan", "--loss least-squares", "least-squares loss"),
        new("hinge-sn", "--loss hinge --spectral-norm true", "hinge loss, spectral norm in D"),
        new("wgan-gp", "--loss wasserstein --penalty gp --d-steps 5 --lr-g 1e-4 --lr-d 1e-4 --beta1 0 --beta2 0.9", "WGAN-GP with its paper's optimiser and n_critic 5"),
        new("pacgan2", "--pack 2", "PacGAN2: D judges pairs"),
        new("pacgan4", "--pack 4", "PacGAN4: D judges packs of four"),
        new("unrolled5", "--unrolled-steps 5 --lr-g 1e-4 --lr-d 1e-4", "unrolled GAN, k = 5, at Metz et al.'s Adam 1e-4"),
        new("ema-decay-30k", "--ema-decay 0.999 --lr-decay linear --steps 30000 --seeds 10", "longer: 30,000 steps, learning rates decayed linearly to 0, samples from an EMA of G (0.999); 10 seeds"),
        new("pacgan2-ema-30k", "--pack 2 --ema-decay 0.999 --steps 30000 --seeds 10", "longer: PacGAN2, 30,000 steps, samples from an EMA of G (0.999); 10 seeds"),
        new("pacgan2-ema-decay-30k", "--pack 2 --ema-decay 0.999 --lr-decay linear --steps 30000 --seeds 10", "the two above combined: PacGAN2, EMA of G, learning rates decayed linearly to 0, 30,000 steps; 10 seeds"),
        new("pacgan4-ema-b512-60k", "--pack 4 --ema-decay 0.999 --batch-size 512 --steps 60000 --seeds 10 --only grid", "grid only: PacGAN4 with batches of 512 (128 packs), samples from an EMA of G (0.999), 60,000 steps; 10 seeds"),
        new("pacgan4-ema-b512-gp-60k", "--pack 4 --ema-decay 0.999 --batch-size 512 --penalty gp --penalty-weight 0.1 --steps 60000 --seeds 10", "the batch-512 row with a small gradient penalty on D (λ = 0.1, on interpolates of real and fake packs; Fedus et al. 2018 found it helps the non-saturating GAN too); 10 seeds"),
        new("pacgan4-ema-b1024-60k", "--pack 4 --ema-decay 0.999 --batch-size 1024 --steps 60000 --seeds 5 --only grid", "grid only: the batch-512 row (no penalty) with batches of 1,024 (256 packs); 5 seeds (twice the cost per step)"),
    };

    /// <summary>"NAME" (a default row) or "NAME=FLAGS" (a row of one's own) from the command line.</summary>
    public static CoverageSetting Parse(string text)
    {
        int eq = text.IndexOf('=');
        if (eq < 0)
            return Defaults.FirstOrDefault(s => s.Name == text.Trim())
                ?? throw new GanSharpException($"--setting '{text}' is not a default row ({string.Join(", ", Defaults.Select(s => s.Name))}); give one of your own as NAME=FLAGS, e.g. \"pacgan3=--pack 3\"");
        string name = text[..eq].Trim();
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new GanSharpException($"--setting name '{name}' becomes a folder name: use letters, digits, - and _ only");
        return new CoverageSetting(name, text[(eq + 1)..].Trim(), "");
    }

    private string[] Tokens => Flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The flags split into `gan toy` arguments (without --seeds and --only, which are the table's).</summary>
    public string[] Arguments
    {
        get
        {
            var all = Tokens.ToList();
            foreach (var tableFlag in new[] { "--seeds", "--only" })
            {
                int i = all.IndexOf(tableFlag);
                if (i >= 0) all.RemoveRange(i, Math.Min(2, all.Count - i));
            }
            return all.ToArray();
        }
    }

    /// <summary>Whether the row runs on a distribution: every one, unless its flags say --only NAME[,NAME…].</summary>
    public bool RunsOn(string distribution)
    {
        var all = Tokens;
        int i = Array.IndexOf(all, "--only");
        if (i < 0) return true;
        if (i + 1 >= all.Length) throw new GanSharpException($"--setting {Name}: --only needs distribution names, e.g. --only grid");
        return all[i + 1].Split(',').Contains(distribution);
    }

    /// <summary>The row's own number of steps when its flags contain --steps N; else null (the table's).</summary>
    public long? Steps => Number("--steps");

    /// <summary>The row's own number of seeds when its flags contain --seeds N (a goal over 10 seeds); else null (the table's).</summary>
    public int? Seeds => (int?)Number("--seeds");

    private long? Number(string flag)
    {
        var all = Tokens;
        int i = Array.IndexOf(all, flag);
        if (i < 0) return null;
        if (i + 1 >= all.Length || !long.TryParse(all[i + 1], out long n) || n < 1)
            throw new GanSharpException($"--setting {Name}: {flag} needs a positive number");
        return n;
    }
}

/// <summary>One finished toy run: its coverage.json and its training time.</summary>
public sealed record CoverageRun(string Setting, string Distribution, long Seed, int ModesCaptured, int Modes, double HighQuality, double? ReverseKl, double TrainSeconds, string Folder)
{
    /// <summary>Reads a toy run folder; null when the run has not finished (no coverage.json).</summary>
    public static CoverageRun? Read(string folder, string setting, long seed)
    {
        string path = Path.Combine(folder, "coverage.json");
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var r = doc.RootElement;
            var kl = r.GetProperty("reverseKl");
            return new CoverageRun(setting, r.GetProperty("distribution").GetString()!, seed,
                r.GetProperty("modesCaptured").GetInt32(), r.GetProperty("modes").GetInt32(), r.GetProperty("highQuality").GetDouble(),
                kl.ValueKind == JsonValueKind.Null ? null : kl.GetDouble(), LastTrainSeconds(Path.Combine(folder, "metrics.jsonl")), folder);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new GanSharpException($"{path}: not a coverage file of gan toy ({e.Message})");
        }
    }

    private static double LastTrainSeconds(string metrics)
    {
        if (!File.Exists(metrics)) return double.NaN;
        var last = File.ReadLines(metrics).LastOrDefault(l => l.Contains("\"train_s\""));
        if (last is null) return double.NaN;
        using var doc = JsonDocument.Parse(last);
        return doc.RootElement.GetProperty("train_s").GetDouble();
    }
}

/// <summary>
/// The results table of the toy lab (issue 5): for each setting and distribution, modes captured,
/// high-quality samples and reverse KL as mean ± standard deviation over seeds, how many seeds
/// captured every mode, and published numbers beside them.
/// </summary>
public static class CoverageTable
{
    /// <summary>A published result: modes and high-quality % (null where the paper gives none).</summary>
    public sealed record Anchor(string Distribution, string Method, double Modes, double? HighQualityPercent, string Source);

    /// <summary>Numbers as quoted in issue 5 from PacGAN's Table 1 (10 trials) and VEEGAN's Table 1.</summary>
    public static IReadOnlyList<Anchor> Published { get; } = new Anchor[]
    {
        new("ring", "GAN", 6.3, 98.2, "PacGAN, Table 1"),
        new("ring", "PacGAN4", 7.8, 95.9, "PacGAN, Table 1"),
        new("ring", "unrolled GAN", 7.6, null, "VEEGAN, Table 1"),
        new("grid", "GAN", 17.3, 94.8, "PacGAN, Table 1"),
        new("grid", "PacGAN4", 24.8, 93.6, "PacGAN, Table 1"),
        new("grid", "unrolled GAN", 23.6, null, "VEEGAN, Table 1"),
    };

    /// <summary>
    /// The lab's goal on a distribution (issue 5), judged on a row of at least 10 seeds as PacGAN
    /// reports 10 trials: <see cref="RunHighQuality"/> is what one run needs beside every mode.
    /// </summary>
    public sealed record Goal(string Distribution, string Text, double RunHighQuality, Func<IReadOnlyList<CoverageRun>, bool> Met);

    public static IReadOnlyList<Goal> Goals { get; } = new Goal[]
    {
        new("ring", "8/8 modes in at least 9 of 10 seeds with ≥ 95% high quality", 0.95,
            cell => cell.Count >= 10 && MeetingGoal(cell, 0.95) >= 0.9 * cell.Count),
        new("grid", "≥ 24.6/25 modes and ≥ 94% high quality, means over at least 10 seeds", 0.94,
            cell => cell.Count >= 10 && cell.Average(r => r.ModesCaptured) >= 24.6 && cell.Average(r => r.HighQuality) >= 0.94),
    };

    /// <summary>The goal of a distribution, or null (ring-unrolled has none).</summary>
    public static Goal? GoalOf(string distribution) => Goals.FirstOrDefault(g => g.Distribution == distribution);

    /// <summary>Runs that captured every mode with at least <paramref name="minHighQuality"/> high-quality samples.</summary>
    public static int MeetingGoal(IEnumerable<CoverageRun> runs, double minHighQuality) =>
        runs.Count(r => r.ModesCaptured == r.Modes && r.HighQuality >= minHighQuality);

    /// <summary>Writes the Markdown page and copies each setting's first-seed scatter plot into images/ beside it.</summary>
    /// <param name="runHighQuality">The high-quality fraction a run needs (with every mode) to be counted in the goal column; null: each distribution's goal (ring 95%, grid 94%).</param>
    public static void Write(string pagePath, string intro, IReadOnlyList<CoverageSetting> settings, IReadOnlyList<CoverageRun> runs, double? runHighQuality = null)
    {
        var c = CultureInfo.InvariantCulture;
        var imageDir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(pagePath))!, "images");
        Directory.CreateDirectory(imageDir);
        var md = new StringBuilder();
        md.AppendLine("# Mode coverage on the ring and the grid").AppendLine().AppendLine(intro).AppendLine();
        foreach (var distribution in runs.Select(r => r.Distribution).Distinct())
        {
            md.AppendLine($"## {distribution}").AppendLine();
            var goal = GoalOf(distribution);
            double goalHighQuality = runHighQuality ?? goal?.RunHighQuality ?? 0.95;
            md.AppendLine($"| setting | seeds | modes | high quality | reverse KL | all modes | all modes and ≥ {goalHighQuality:P0} HQ | train time |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var s in settings)
            {
                var cell = runs.Where(r => r.Setting == s.Name && r.Distribution == distribution).OrderBy(r => r.Seed).ToList();
                if (cell.Count == 0) continue;
                var modes = SampleStatistics.MeanSd(cell.Select(r => (double)r.ModesCaptured).ToList());
                var hq = SampleStatistics.MeanSd(cell.Select(r => 100 * r.HighQuality).ToList());
                var kls = cell.Where(r => r.ReverseKl is not null).Select(r => r.ReverseKl!.Value).ToList();
                var kl = SampleStatistics.MeanSd(kls);
                string klText = kls.Count == 0 ? "–" : string.Format(c, "{0:F2} ± {1:F2}", kl.Mean, kl.Sd) + (kls.Count < cell.Count ? $" ({kls.Count} runs)" : "");
                double seconds = cell.Select(r => r.TrainSeconds).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
                md.AppendLine(string.Format(c, "| `{0}` | {1} | {2:F1} ± {3:F1} / {4} | {5:F1} ± {6:F1}% | {7} | {8}/{1} | {9}/{1} | {10} |",
                    s.Name, cell.Count, modes.Mean, modes.Sd, cell[0].Modes, hq.Mean, hq.Sd, klText,
                    cell.Count(r => r.ModesCaptured == r.Modes), MeetingGoal(cell, goalHighQuality),
                    double.IsFinite(seconds) ? $"{seconds:F0} s" : "–"));
            }
            foreach (var a in Published.Where(a => a.Distribution == distribution))
                md.AppendLine(string.Format(c, "| {0} (published: {1}) | 10 | {2:F1} / {3} | {4} | – | – | – | – |",
                    a.Method, a.Source, a.Modes, distribution == "ring" ? 8 : 25, a.HighQualityPercent is double p ? p.ToString("F1", c) + "%" : "–"));
            md.AppendLine();
            if (goal is not null)
            {
                var meeting = settings.Where(s => goal.Met(runs.Where(r => r.Setting == s.Name && r.Distribution == distribution).ToList())).Select(s => $"`{s.Name}`").ToList();
                md.AppendLine($"Goal of issue 5 on the {distribution}: {goal.Text} — " + (meeting.Count > 0 ? $"**met** by {string.Join(", ", meeting)}." : "not met by any row.")).AppendLine();
            }
            var present = settings.Where(s => runs.Any(r => r.Setting == s.Name && r.Distribution == distribution)).ToList();
            md.AppendLine("| " + string.Join(" | ", present.Select(s => $"`{s.Name}`")) + " |");
            md.AppendLine("| " + string.Join(" | ", present.Select(_ => "---")) + " |");
            var pictures = new List<string>();
            foreach (var s in present)
            {
                var first = runs.Where(r => r.Setting == s.Name && r.Distribution == distribution).MinBy(r => r.Seed)!;
                var last = Directory.Exists(Path.Combine(first.Folder, "samples"))
                    ? Directory.GetFiles(Path.Combine(first.Folder, "samples"), "step-*.png").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault() : null;
                if (last is null) { pictures.Add("–"); continue; }
                string name = $"toy-{distribution}-{s.Name}-seed{first.Seed}.png";
                File.Copy(last, Path.Combine(imageDir, name), overwrite: true);
                pictures.Add($"![{s.Name}](images/{name})");
            }
            md.AppendLine("| " + string.Join(" | ", pictures) + " |").AppendLine();
        }
        md.AppendLine("## Settings").AppendLine();
        md.AppendLine("| setting | flags of `gan toy` | what |").AppendLine("| --- | --- | --- |");
        foreach (var s in settings.Where(s => runs.Any(r => r.Setting == s.Name)))
            md.AppendLine($"| `{s.Name}` | `{(s.Flags.Length == 0 ? "(none)" : s.Flags)}` | {s.Description} |");
        md.AppendLine();
        md.AppendLine("Published rows are quoted as issue 5 gives them (PacGAN: Lin et al. 2018, Table 1, 10 trials; VEEGAN: Srivastava et al. 2017, Table 1); " +
            "their networks, budgets and optimisers differ from ours, so they are anchors, not a same-conditions comparison.");
        AtomicFile.WriteAllText(pagePath, md.ToString());
    }
}
