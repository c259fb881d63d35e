using Xunit;
using GanSharp.Training;

namespace GanSharp.Tests.Training;

public sealed class RunActivityTests
{
    [Fact]
    public void Status_FollowsTheRun_RunningWhileOpen_ThenFinished()
    {
        using var tmp = TestSetup.Temp();
        var dir = new RunDirectory(tmp.File("run"));
        using (var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan(), TinyRuns.Trainer(2)))
        {
            Assert.Equal(RunStatus.Running, RunActivity.Of(dir));
            s.Train(Array.Empty<ITrainingCallback>());
        }
        Assert.Equal(RunStatus.Finished, RunActivity.Of(dir));
    }

    [Fact]
    public void AStoppedRun_IsInterrupted()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan(), TinyRuns.Trainer(6)))
            TinyRuns.TrainAndStopAt(s, 2);
        Assert.Equal(RunStatus.Interrupted, RunActivity.Of(new RunDirectory(tmp.File("run"))));
    }

    [Fact]
    public void AKilledRun_WhoseLockOwnerIsDead_IsInterrupted_NotRunning()
    {
        using var tmp = TestSetup.Temp();
        var dir = new RunDirectory(tmp.File("run")).Create();
        File.WriteAllText(dir.Log, "2026-12-04 10:00:00 run folder: x\n2026-12-04 10:00:01 resumed x at step 2 of 6\n");
        int dead = DeadPid();
        File.WriteAllText(dir.LockOwner, $"gan (process {dead}, since 2026-12-04 10:00:00)");
        Assert.Equal(RunStatus.Interrupted, RunActivity.Of(dir));
        File.WriteAllText(dir.LockOwner, $"gan (process {Environment.ProcessId}, since 2026-12-04 10:00:00)");   // a live process
        Assert.Equal(RunStatus.Running, RunActivity.Of(dir));
    }

    [Theory]
    [InlineData("2026-12-04 10:00:00 diverged at step 7. Continue from the last good checkpoint", RunStatus.Diverged)]
    [InlineData("2026-12-04 10:00:00 done: 6 steps in 0:00:03; samples in x", RunStatus.Finished)]
    [InlineData("2026-12-04 10:00:00 stopped at step 3; checkpoint saved as x", RunStatus.Interrupted)]
    [InlineData("", RunStatus.New)]
    public void TheLastLineOfTheLog_SaysHowTheLastSessionEnded(string lastLine, RunStatus expected)
    {
        using var tmp = TestSetup.Temp();
        var dir = new RunDirectory(tmp.File("run")).Create();
        File.WriteAllText(dir.Log, lastLine.Length == 0 ? "" : "2026-12-04 09:59:59 run folder: x\n" + lastLine + "\n");
        Assert.Equal(expected, RunActivity.Of(dir));
    }

    /// <summary>A process id no process has now: a child that has exited.</summary>
    private static int DeadPid()
    {
        using var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        child.WaitForExit();
        return child.Id;
    }
}
