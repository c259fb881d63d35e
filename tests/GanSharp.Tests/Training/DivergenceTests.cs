using System.Text.Json.Nodes;
using GanSharp.Cli;
using GanSharp.Recipes;
using GanSharp.Training;
using Xunit;
using static GanSharp.Tests.Cli.GanCliTests;

namespace GanSharp.Tests.Training;

/// <summary>The NaN stop sees every step, whatever --log-every is, never checkpoints a broken state, and its advice can be followed.</summary>
public sealed class DivergenceTests
{
    [Fact]
    public void ExplodingLosses_StopTheRunAtTheDefaultLogCadence_AndSayNoCheckpointExistsYet()
    {
        using var tmp = TestSetup.Temp();
        var (code, output, _) = Run("train", "vanilla", "--data", "embedded", "--steps", "400", "--lr-d", "1e6", "--lr-g", "1e6",
            "--runs", tmp.Path, "--name", "r", "--no-conv-check", "--checkpoint-every", "500");
        Assert.Equal(ExitCode.Diverged, code);
        Assert.Contains("beyond ±1e12: the networks have exploded; training stopped. No checkpoint was written before (the first was due at step 400)", output);
        Assert.Contains("before its first checkpoint. Start again with lower learning rates, e.g. --lr-g 1E+05 --lr-d 1E+05", output);
        Assert.False(File.Exists(tmp.File("r/checkpoints/last.ckpt")));
    }

    [Fact]
    public void ParametersTurnedNaN_AreNotCheckpointed_AndTheLastGoodOneIsNamed()
    {
        using var tmp = TestSetup.Temp();
        var messages = new List<string>();
        using var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan(), TinyRuns.Trainer(6, checkpointEvery: 2), messages);
        var outcome = s.Train(new ITrainingCallback[] { new PoisonAt(3) });
        Assert.Equal(TrainingOutcome.Diverged, outcome);
        Assert.Contains(messages, m => m.Contains("step 4: generator's ") && m.Contains("holds NaN or infinite values") && m.Contains("checkpoints/last.ckpt (step 2)"));
        using var reader = new BinaryReader(new MemoryStream(Checkpoint.ReadVerified(s.Directory.LastCheckpoint)));
        Assert.Contains("\"Step\":2,", reader.ReadString());
    }

    [Fact]
    public void AResume_MayLowerTheLearningRates_WhichTheOptimisersThenUse_AndConfigRecords()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan(), TinyRuns.Trainer(2, checkpointEvery: 2)))
            s.Train(Array.Empty<ITrainingCallback>());
        var (code, output, err) = Run("resume", tmp.File("run"), "--steps", "3", "--lr-d", "5e-5", "--log-every", "3");
        Assert.True(code == ExitCode.Ok, err);
        Assert.Contains("resumed", output);
        Assert.Contains("with --lr-d 0.0002 → 5E-05, --log-every 1 → 3", output);
        var config = JsonNode.Parse(File.ReadAllText(tmp.File("run/config.json")))!;
        Assert.Equal(5e-5, config["options"]!["lrD"]!.GetValue<double>());
        Assert.Equal(3, config["trainer"]!["logEvery"]!.GetValue<int>());
        Assert.Equal("step 2: --lr-d 0.0002 → 5E-05, --log-every 1 → 3", config["changes"]![0]!.GetValue<string>());
        using var again = TrainingSession.Resume(tmp.File("run"), _ => { }, totalSteps: 4);
        Assert.Equal(5e-5, again.Recipe.State.OptimizerNamed("discriminator").Optimizer.ParamGroups.Single().LearningRate, 12);
        Assert.Equal(2e-4, again.Recipe.State.OptimizerNamed("generator").Optimizer.ParamGroups.Single().LearningRate, 12);
    }

    [Fact]
    public void ResumeRefusesAChangeThatANewRunWouldRefuse()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan(), TinyRuns.Trainer(2, checkpointEvery: 2)))
            s.Train(Array.Empty<ITrainingCallback>());
        var (code, _, err) = Run("resume", tmp.File("run"), "--steps", "3", "--checkpoint-every", "0");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("--checkpoint-every must be positive, got 0", err);
    }

    /// <summary>Fills G's first parameter with NaN after step <paramref name="step"/>'s callbacks ran, as a blown-up update would.</summary>
    private sealed class PoisonAt(long step) : ITrainingCallback
    {
        public void OnStep(TrainingState state, StepLog log)
        {
            if (state.Step != step + 1) return;
            using var _ = TorchSharp.torch.no_grad();
            state.Recipe.State.Modules.First(m => m.Name == "generator").Module.parameters().First().fill_(double.NaN);
        }
    }
}
