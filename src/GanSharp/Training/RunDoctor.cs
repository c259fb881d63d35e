using GanSharp.Data.Sources;
using GanSharp.Training.Callbacks;

namespace GanSharp.Training;

/// <summary>
/// `gan doctor RUN`: reads every file of a run folder the way resume and sample would — config,
/// each checkpoint (checksum, then loaded into the run's networks), metrics, sample pictures, lock
/// and leftovers — and says for each what is wrong and what to do.
/// </summary>
public static class RunDoctor
{
    public enum Severity { Ok, Note, Problem }

    public sealed record Finding(Severity Severity, string What, string? Advice = null);

    public static IReadOnlyList<Finding> Examine(string runFolder)
    {
        var dir = new RunDirectory(runFolder);
        if (!Directory.Exists(dir.Root)) return new[] { new Finding(Severity.Problem, $"{dir.Root}: no such folder") };
        var findings = new List<Finding>();
        var config = ExamineConfig(dir, findings);
        ExamineLock(dir, findings);
        ExamineCheckpoints(dir, config, findings);
        ExamineMetrics(dir, findings);
        ExamineSamples(dir, findings);
        return findings;
    }

    private static RunConfig? ExamineConfig(RunDirectory dir, List<Finding> findings)
    {
        try
        {
            var config = RunConfig.Load(dir.Config);
            findings.Add(new(Severity.Ok, $"config.json: {config.Family}, {config.TotalSteps:N0} steps planned, made by GanSharp {config.GanSharpVersion} on {config.DataSource}"));
            return config;
        }
        catch (GanSharpException e)
        {
            findings.Add(new(Severity.Problem, e.Message, "without a valid config.json the run cannot resume or sample: restore the file (git, a backup) or train a new run"));
            return null;
        }
    }

    private static void ExamineLock(RunDirectory dir, List<Finding> findings)
    {
        try
        {
            using var _ = RunLock.Take(dir);
        }
        catch (GanSharpException e)
        {
            findings.Add(new(Severity.Note, e.Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            findings.Add(new(Severity.Problem, $"{dir.Lock}: cannot be opened ({e.Message})", "the folder must be writable to train: check its permissions and free space"));
        }
        var left = dir.Leftovers();
        if (left.Count > 0)
            findings.Add(new(Severity.Note, $"{left.Count} partial file(s) of interrupted writes ({left.Sum(f => f.Length) / 1e6:N1} MB): {string.Join(", ", left.Select(f => f.Name))}",
                "gan resume removes them"));
    }

    private static void ExamineCheckpoints(RunDirectory dir, RunConfig? config, List<Finding> findings)
    {
        var files = Directory.Exists(dir.Checkpoints)
            ? Directory.EnumerateFileSystemEntries(dir.Checkpoints).Where(f => f.EndsWith(".ckpt") || f.EndsWith(".ckpt.new")).Order().ToList()
            : new List<string>();
        if (files.Count == 0)
        {
            findings.Add(new(Severity.Problem, $"{dir.Checkpoints}: no checkpoint", "the run stopped before its first checkpoint: train it again with gan train"));
            return;
        }
        var good = new List<string>();
        foreach (var file in files)
        {
            if (Checkpoint.ProblemOf(file) is string problem)
            {
                findings.Add(new(Severity.Problem, problem, Path.GetFileName(file) is "last.ckpt" or "last.ckpt.new"
                    ? "gan resume passes over it to the newest good checkpoint; delete it once you have looked"
                    : "it cannot be used: delete it"));
                continue;
            }
            string? mismatch = config is null ? null : LoadProblem(dir, file);
            if (mismatch is not null) findings.Add(new(Severity.Problem, mismatch, "it belongs to another run or another version of the family: move it out of checkpoints/"));
            else
            {
                findings.Add(new(Severity.Ok, $"{Path.GetRelativePath(dir.Root, file)}: intact{(config is null ? "" : " and loads into the run's networks")}"));
                good.Add(file);
            }
        }
        if (good.Count == 0) findings.Add(new(Severity.Problem, "no usable checkpoint", "train the run again with gan train"));
    }

    /// <summary>Loads the checkpoint into a fresh recipe of the run, as gan sample does; the problem, or null.</summary>
    private static string? LoadProblem(RunDirectory dir, string file)
    {
        try
        {
            using var sampler = new RunSampler(dir.Root, file);
            return null;
        }
        catch (GanSharpException e)
        {
            return e.Message;
        }
    }

    private static void ExamineMetrics(RunDirectory dir, List<Finding> findings)
    {
        if (!File.Exists(dir.Metrics))
        {
            findings.Add(new(Severity.Note, "metrics.jsonl: none yet (the first line comes at the first --log-every step)"));
            return;
        }
        try
        {
            var (records, torn) = MetricsLog.Read(dir.Metrics);
            long last = records.Count == 0 ? 0 : records[^1]["step"]?.GetValue<long>() ?? 0;
            findings.Add(new(torn ? Severity.Note : Severity.Ok, $"metrics.jsonl: {records.Count:N0} records, the last of step {last:N0}" +
                (torn ? "; its last line was cut by a kill" : ""), torn ? "gan resume drops the cut line and logs the step again" : null));
        }
        catch (GanSharpException e)
        {
            findings.Add(new(Severity.Problem, e.Message, "fix or delete that line: resume and the loss plot read every line"));
        }
    }

    private static void ExamineSamples(RunDirectory dir, List<Finding> findings)
    {
        if (!Directory.Exists(dir.Samples)) return;
        var pictures = Directory.GetFiles(dir.Samples, "*.png");
        var bad = new List<string>();
        foreach (var picture in pictures)
        {
            try
            {
                ImageDecoder.DecodeNative(picture, 3, SkiaSharp.SKColors.White);
            }
            catch (ImageFileException e)
            {
                bad.Add(e.Message);
            }
        }
        if (bad.Count == 0) findings.Add(new(Severity.Ok, $"samples/: {pictures.Length:N0} pictures, all readable"));
        else foreach (var b in bad) findings.Add(new(Severity.Problem, b, "delete it; gan sample RUN draws the step's samples again from the checkpoint"));
    }
}
