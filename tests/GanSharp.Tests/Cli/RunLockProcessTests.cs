using GanSharp.Cli;
using Xunit;
using static GanSharp.Tests.Cli.GanCliTests;

namespace GanSharp.Tests.Cli;

/// <summary>Two processes on one run: the second is refused while the first trains, and takes over once the first is killed.</summary>
public sealed class RunLockProcessTests
{
    [Fact]
    public void AResumeWhileAnotherProcessTrains_IsRefused_AndAfterAKill9ItResumes()
    {
        using var tmp = TestSetup.Temp();
        using var gan = ChildGan.Start("train", "vanilla", "--data", "embedded", "--steps", "1000000", "--log-every", "1", "--sample-every", "1000000",
            "--checkpoint-every", "1", "--runs", tmp.Path, "--name", "r", "--no-conv-check", "--threads", "1");
        gan.WaitForLine(line => line.StartsWith("step 3/"));
        var run = tmp.File("r");
        var (code, _, err) = Run("resume", run, "--steps", "2000000");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains($"{run} is in use by gan (process {gan.Id}, since", err);

        gan.Signal(9);   // no chance to checkpoint or unlock: the kernel drops its lock
        gan.WaitForExit();
        var last = Path.Combine(run, "checkpoints", "last.ckpt");   // or, killed between write and rename, last.ckpt.new one step on
        long step = new[] { last, last + ".new" }.Where(File.Exists).Max(ChildGan.CheckpointStep);
        (code, var output, err) = Run("resume", run, "--steps", $"{step + 1}", "--threads", "1");
        Assert.True(code == ExitCode.Ok, err);
        Assert.Contains("resumed", output);
    }
}
