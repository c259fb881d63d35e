using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Xunit;
using static GanSharp.Tests.Cli.GanCliTests;

namespace GanSharp.Tests.Cli;

public sealed class SweepEmitTests
{
    private static string Spec(TempFolder tmp)
    {
        var spec = tmp.File("emit.json");
        File.WriteAllText(spec, """{"family": "dcgan", "fixed": {"steps": 100}, "grid": {"lr-g": [0.0001, 0.0002, 0.0004]}, "seeds": [0, 1]}""");
        return spec;
    }

    [Fact]
    public void Kubernetes_TheEmittedJob_IsAValidIndexedJob_ThatRoundTripsThroughTheApiModels()
    {
        using var tmp = TestSetup.Temp();
        var runs = tmp.File("runs");
        var (code, output, err) = Run("sweep", Spec(tmp), "--runs", runs, "--emit", "kubernetes", "--parallel", "3", "--threads", "2", "--image", "registry.local/gansharp:1", "--claim", "gan-runs");
        Assert.True(code == 0, output + err);
        var text = File.ReadAllText(Path.Combine(runs, "emit", "sweep-job.json"));
        var job = KubernetesJson.Deserialize<V1Job>(text);
        // Every field the manifest has is one the Job schema knows: the models drop unknown ones, so a round trip would differ.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(KubernetesJson.Serialize(job))), "the manifest has fields the Job schema lacks");
        Assert.Equal(("batch/v1", "Job"), (job.ApiVersion, job.Kind));
        Assert.Equal("Indexed", job.Spec.CompletionMode);
        Assert.Equal(6, job.Spec.Completions);
        Assert.Equal(3, job.Spec.Parallelism);
        var pod = job.Spec.Template.Spec;
        Assert.Equal("Never", pod.RestartPolicy);
        var container = pod.Containers.Single();
        Assert.Equal("registry.local/gansharp:1", container.Image);
        Assert.Contains("--cell \"$JOB_COMPLETION_INDEX\"", container.Command[^1]);
        Assert.Equal("2", container.Resources.Limits["cpu"].ToString());
        Assert.Equal("gan-runs", pod.Volumes.Single().PersistentVolumeClaim.ClaimName);
        Assert.Equal(Path.GetFullPath(runs), container.VolumeMounts.Single().MountPath);
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", job.Metadata.Name);
    }

    [Fact]
    public void Slurm_TheEmittedScript_IsAnArrayOfEveryCell_AtMostParallelAtOnce()
    {
        using var tmp = TestSetup.Temp();
        var runs = tmp.File("runs");
        var (code, _, _) = Run("sweep", Spec(tmp), "--runs", runs, "--emit", "slurm", "--parallel", "2", "--threads", "3", "--partition", "cpu");
        Assert.Equal(0, code);
        var lines = File.ReadAllLines(Path.Combine(runs, "emit", "sweep.sbatch"));
        Assert.StartsWith("#!", lines[0]);
        Assert.Contains("#SBATCH --array=0-5%2", lines);
        Assert.Contains("#SBATCH --cpus-per-task=3", lines);
        Assert.Contains("#SBATCH --partition=cpu", lines);
        Assert.Contains(lines, l => l.StartsWith("exec ") && l.Contains("gan.dll sweep") && l.Contains("--cell \"$SLURM_ARRAY_TASK_ID\""));
    }
}
