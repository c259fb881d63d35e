using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GanSharp.Cli;

/// <summary>
/// Scripts for schedulers that already exist, each task running one cell with `gan sweep SPEC --cell K`
/// (which resumes a cell a preempted task left): a Slurm job array (`sbatch --array=0-K%P`) and a
/// Kubernetes Indexed Job (`completionMode: Indexed`, the cell from JOB_COMPLETION_INDEX, run folders on a shared volume).
/// </summary>
internal static class SweepEmit
{
    public sealed record Settings(string Spec, string Runs, int Cells, int Parallel, int Threads, string Gan, string? Partition, string Image, string Claim);

    public static string Slurm(Settings s)
    {
        string I(long v) => v.ToString(CultureInfo.InvariantCulture);
        var script = new StringBuilder("#!/bin/bash\n");
        script.Append($"# gan sweep {s.Spec}: {s.Cells} cells as a Slurm job array, at most {s.Parallel} at once. Submit: sbatch THIS-FILE\n");
        script.Append($"#SBATCH --job-name=gan-sweep\n#SBATCH --array=0-{I(s.Cells - 1)}%{I(s.Parallel)}\n#SBATCH --cpus-per-task={I(s.Threads)}\n");
        script.Append($"#SBATCH --output={Path.Combine(s.Runs, "slurm-%A_%a.out")}\n");
        if (s.Partition is not null) script.Append($"#SBATCH --partition={s.Partition}\n");
        script.Append("#SBATCH --signal=TERM@60   # a minute before the time limit: the cell checkpoints; a rerun resumes it\n");
        script.Append("set -euo pipefail\n");
        script.Append($"exec {s.Gan} sweep {Quote(s.Spec)} --runs {Quote(s.Runs)} --cell \"$SLURM_ARRAY_TASK_ID\" --threads \"${{SLURM_CPUS_PER_TASK:-{I(s.Threads)}}}\"\n");
        return script.ToString();
    }

    /// <summary>The Job as JSON (which kubectl reads as it reads YAML).</summary>
    public static string Kubernetes(Settings s)
    {
        var threads = s.Threads.ToString(CultureInfo.InvariantCulture);
        var job = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject { ["name"] = "gan-sweep-" + Slug(Path.GetFileNameWithoutExtension(s.Spec)), ["labels"] = new JsonObject { ["app"] = "gansharp-sweep" } },
            ["spec"] = new JsonObject
            {
                ["completions"] = s.Cells,
                ["parallelism"] = s.Parallel,
                ["completionMode"] = "Indexed",
                ["backoffLimitPerIndex"] = 2,   // a failed cell is retried twice, then recorded; the others go on
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["restartPolicy"] = "Never",
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "cell",
                            ["image"] = s.Image,
                            ["command"] = new JsonArray("/bin/sh", "-c", $"exec {s.Gan} sweep {Quote(s.Spec)} --runs {Quote(s.Runs)} --cell \"$JOB_COMPLETION_INDEX\" --threads {threads}"),
                            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = threads }, ["limits"] = new JsonObject { ["cpu"] = threads } },
                            ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "runs", ["mountPath"] = s.Runs }),
                        }),
                        ["volumes"] = new JsonArray(new JsonObject { ["name"] = "runs", ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = s.Claim } }),
                    },
                },
            },
        };
        return job.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>A lower-case DNS label (what Kubernetes names allow), at most 40 characters.</summary>
    private static string Slug(string text)
    {
        var slug = new string(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return slug.Length == 0 ? "sweep" : slug[..Math.Min(40, slug.Length)].TrimEnd('-');
    }

    private static string Quote(string text) => text.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_') ? text : "'" + text.Replace("'", "'\\''") + "'";
}
