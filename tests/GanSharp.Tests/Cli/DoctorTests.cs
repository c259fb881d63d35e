using GanSharp.Cli;
using Xunit;
using static GanSharp.Tests.Cli.GanCliTests;

namespace GanSharp.Tests.Cli;

/// <summary>gan doctor reads a run folder as resume and sample would and names each broken file with what to do.</summary>
public sealed class DoctorTests
{
    private static string TrainedRun(TempFolder tmp)
    {
        Assert.Equal(ExitCode.Ok, Run("train", "vanilla", "--steps", "4", "--checkpoint-every", "2", "--sample-every", "2", "--log-every", "1",
            "--data", "embedded", "--runs", tmp.Path, "--name", "r", "--no-conv-check").Code);
        return tmp.File("r");
    }

    [Fact]
    public void AHealthyRun_IsSaidToBe()
    {
        using var tmp = TestSetup.Temp();
        var (code, output, _) = Run("doctor", TrainedRun(tmp));
        Assert.Equal(ExitCode.Ok, code);
        Assert.Contains("ok    config.json: vanilla, 4 steps planned", output);
        Assert.Contains("ok    checkpoints/last.ckpt: intact and loads into the run's networks", output);
        Assert.Contains("ok    checkpoints/previous.ckpt: intact", output);
        Assert.Contains("ok    metrics.jsonl: 4 records, the last of step 4", output);
        Assert.Contains("the run is healthy", output);
    }

    [Fact]
    public void EveryBrokenFile_IsNamed_WithWhatToDo_AndResumeStillWorks()
    {
        using var tmp = TestSetup.Temp();
        var run = TrainedRun(tmp);
        var last = Path.Combine(run, "checkpoints", "last.ckpt");
        File.WriteAllBytes(last, File.ReadAllBytes(last)[..^100]);
        var picture = Directory.GetFiles(Path.Combine(run, "samples"), "*.png").Order().First();
        File.WriteAllBytes(picture, File.ReadAllBytes(picture)[..^40]);
        File.AppendAllText(Path.Combine(run, "metrics.jsonl"), "{\"step\": 5, \"loss/d\": 0.");   // a kill during a write
        File.WriteAllBytes(Path.Combine(run, "checkpoints", ".last.ckpt.new.4242.tmp"), new byte[1000]);

        var (code, output, _) = Run("doctor", run);
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains($"FAIL  {last}: truncated or padded", output);
        Assert.Contains("gan resume passes over it to the newest good checkpoint", output);
        Assert.Contains($"FAIL  {picture}: truncated", output);
        Assert.Contains("note  metrics.jsonl: 4 records, the last of step 4; its last line was cut by a kill", output);
        Assert.Contains("note  1 partial file(s) of interrupted writes", output);
        Assert.Contains("2 problem(s)", output);

        var (resumed, said, err) = Run("resume", run, "--steps", "5");
        Assert.True(resumed == ExitCode.Ok, err);
        Assert.Contains("resuming from the good checkpoint", said);
    }

    [Fact]
    public void AMissingFolder_IsAProblem()
    {
        using var tmp = TestSetup.Temp();
        var (code, output, _) = Run("doctor", tmp.File("nothing"));
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("no such folder", output);
    }
}
