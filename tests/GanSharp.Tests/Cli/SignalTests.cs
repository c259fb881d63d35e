using System.Runtime.InteropServices;
using GanSharp.Cli;
using Xunit;

namespace GanSharp.Tests.Cli;

/// <summary>The README's promise: Ctrl+C and SIGTERM stop training at a step boundary, with a checkpoint of that step.</summary>
public sealed class SignalTests
{
    private static ChildGan StartLongRun(string runs) => ChildGan.Start(
        "train", "vanilla", "--data", "embedded", "--steps", "1000000", "--log-every", "1", "--sample-every", "1000000",
        "--checkpoint-every", "1000000", "--runs", runs, "--name", "r", "--no-conv-check", "--threads", "1");

    [Theory]
    [InlineData(ChildGan.SigInt, ExitCode.Interrupted)]
    [InlineData(ChildGan.SigTerm, ExitCode.Terminated)]
    public void ASignal_StopsTraining_WithACheckpointOfTheStepItStoppedAt(int signal, int expectedCode)
    {
        using var tmp = TestSetup.Temp();
        using var gan = StartLongRun(tmp.Path);
        gan.WaitForLine(line => line.StartsWith("step 3/"));
        gan.Signal(signal);
        Assert.Equal(expectedCode, gan.WaitForExit());

        var checkpoint = Path.Combine(tmp.Path, "r", "checkpoints", "last.ckpt");
        long step = ChildGan.CheckpointStep(checkpoint);
        Assert.True(step >= 3, $"checkpoint at step {step}");
        Assert.Contains($"stopped at step {step}; checkpoint saved as", gan.Printed);
        Assert.Contains("stopping after this step and saving a checkpoint", gan.Printed);
    }

    [Fact]
    public void ASecondSignal_IsLeftToTheDefaultAction_AndOneWhileNothingTrainsToo()
    {
        using var interrupts = Interrupts.Manual(TextWriter.Null);
        Assert.False(interrupts.Receive(PosixSignal.SIGINT));     // nothing listens: the process should end now
        using (interrupts.Listen())
        {
            Assert.True(interrupts.Receive(PosixSignal.SIGTERM));
            Assert.True(interrupts.Token.IsCancellationRequested);
            Assert.False(interrupts.Receive(PosixSignal.SIGINT));  // the second: end at once
        }
        Assert.Equal(ExitCode.Terminated, interrupts.ExitCode);
    }
}
