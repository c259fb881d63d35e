using TorchSharp;
using GanSharp.Training;
using Xunit;

namespace GanSharp.Tests.Training;

public sealed class CheckpointTests
{
    [Fact]
    public void Resume_TwoPlusTwoSteps_IsBitIdenticalToFourStraight()
    {
        using var tmp = TestSetup.Temp();
        float[] straight;
        using (var s = TinyRuns.Start(tmp, "straight", TinyRuns.Dcgan(dSteps: 2), TinyRuns.Trainer(4, checkpointEvery: 2)))
        {
            Assert.Equal(TrainingOutcome.Completed, s.Train(Array.Empty<ITrainingCallback>()));
            straight = TinyRuns.Weights(s.Recipe);
        }
        // The second run is "killed" at step 3: a callback throws before the step-4 checkpoint.
        using (var s = TinyRuns.Start(tmp, "killed", TinyRuns.Dcgan(dSteps: 2), TinyRuns.Trainer(4, checkpointEvery: 2)))
            Assert.Throws<InvalidOperationException>(() => s.Train(new[] { new KillAt(3) }));
        using (var resumed = TrainingSession.Resume(tmp.File("killed"), _ => { }))
        {
            Assert.Equal(2, resumed.State.Step);
            resumed.Train(Array.Empty<ITrainingCallback>());
            Assert.Equal(straight, TinyRuns.Weights(resumed.Recipe));
        }
        var steps = MetricsLogSteps(tmp.File("killed/metrics.jsonl"));
        Assert.Equal(new long[] { 1, 2, 3, 4 }, steps); // the line of the lost step 3 was replaced, not duplicated
    }

    [Fact]
    public void KeepEvery_LeavesACheckpointOfEachNthStep_ThatLoadsAsThatStep()
    {
        // keep every 2 of 5 steps, last/previous every 3: kept 2 and 4 hold the weights of runs stopped there
        using var tmp = TestSetup.Temp();
        float[] atTwo;
        using (var s = TinyRuns.Start(tmp, "two", TinyRuns.Dcgan(), TinyRuns.Trainer(2)))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            atTwo = TinyRuns.Weights(s.Recipe);
        }
        using (var s = TinyRuns.Start(tmp, "kept", TinyRuns.Dcgan(), TinyRuns.Trainer(5, checkpointEvery: 3) with { KeepEvery = 2 }))
            s.Train(Array.Empty<ITrainingCallback>());
        var kept = Directory.GetFiles(tmp.File("kept/checkpoints"), "step-*").Select(Path.GetFileName).Order();
        Assert.Equal(new[] { "step-000002.ckpt", "step-000004.ckpt" }, kept);
        using var sampler = new RunSampler(tmp.File("kept"), tmp.File("kept/checkpoints/step-000002.ckpt"));
        Assert.Equal(2, sampler.Step);
        Assert.Equal(atTwo, TinyRuns.Weights(sampler.Recipe));
    }

    private static long[] MetricsLogSteps(string path) =>
        GanSharp.Training.Callbacks.MetricsLog.ReadAll(path).Select(r => r["step"]!.GetValue<long>()).ToArray();

    private sealed class KillAt(long step) : ITrainingCallback
    {
        public void OnStep(TrainingState state, GanSharp.Recipes.StepLog log)
        {
            if (state.Step == step) throw new InvalidOperationException("simulated kill");
        }
    }

    [Fact]
    public void SaveLoad_RestoresWeightsOptimiserAndPosition()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan(), TinyRuns.Trainer(2));
        s.Train(Array.Empty<ITrainingCallback>());
        var saved = TinyRuns.Weights(s.Recipe);
        s.Recipe.Step(s.Data);                                   // move away from the checkpoint
        Assert.NotEqual(saved, TinyRuns.Weights(s.Recipe));
        var position = Checkpoint.Load(s.Directory.LastCheckpoint, s.Recipe);
        Assert.Equal(saved, TinyRuns.Weights(s.Recipe));
        Assert.Equal(2, position.Step);
        Assert.Equal(2 * 16, position.ImagesSeen);
    }

    [Fact]
    public void Load_FlippedByte_IsAChecksumError_AndPreviousCheckpointStillLoads()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan(), TinyRuns.Trainer(4, checkpointEvery: 2));
        s.Train(Array.Empty<ITrainingCallback>());
        var last = s.Directory.LastCheckpoint;
        var bytes = File.ReadAllBytes(last);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(last, bytes);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(last, s.Recipe));
        Assert.Contains("checksum mismatch", e.Message);
        Assert.Contains(last, e.Message);
        Assert.Equal(2, Checkpoint.Load(s.Directory.PreviousCheckpoint, s.Recipe).Step);
    }

    [Fact]
    public void Load_TruncatedFile_SaysTruncated()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan(), TinyRuns.Trainer(1));
        s.Train(Array.Empty<ITrainingCallback>());
        var last = s.Directory.LastCheckpoint;
        File.WriteAllBytes(last, File.ReadAllBytes(last)[..1000]);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(last, s.Recipe));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Load_NotACheckpoint_SaysBadMagic()
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllText(tmp.File("x.ckpt"), new string('x', 200));
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.ReadVerified(tmp.File("x.ckpt")));
        Assert.Contains("not a GanSharp checkpoint", e.Message);
    }

    [Fact]
    public void Resume_CorruptLastCheckpoint_FallsBackToPrevious_WithAWarning()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan(), TinyRuns.Trainer(4, checkpointEvery: 2)))
            s.Train(Array.Empty<ITrainingCallback>());
        var last = tmp.File("run/checkpoints/last.ckpt");
        File.WriteAllBytes(last, File.ReadAllBytes(last)[..^10]);
        var messages = new List<string>();
        using var resumed = TrainingSession.Resume(tmp.File("run"), messages.Add);
        Assert.Equal(2, resumed.State.Step);
        Assert.Contains(messages, m => m.Contains("warning") && m.Contains("previous"));
    }

    /// <summary>
    /// The version-2 layout, written by hand: each part's module followed by a flag and its
    /// optimiser's state, a position without named streams; the same header as today's.
    /// </summary>
    private static void WriteVersion2(string path, GanSharp.Recipes.IRecipe recipe, long step, long epoch, long batch)
    {
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write($"{{\"Step\":{step},\"Epoch\":{epoch},\"BatchInEpoch\":{batch},\"ImagesSeen\":{step * 16},\"TrainSeconds\":1.5}}");
            w.Write(recipe.State.Modules.Count);
            foreach (var m in recipe.State.Modules)
            {
                w.Write(m.Name);
                m.Module.save(w);
                var opt = recipe.State.Optimizers.FirstOrDefault(o => o.Name == m.Name);
                w.Write(opt is not null);
                opt?.Optimizer.save_state_dict(w);
            }
            w.Write(recipe.State.Streams.Count);
            foreach (var st in recipe.State.Streams)
            {
                w.Write(st.Name);
                using var rng = st.Generator.get_state();
                rng.Save(w);
            }
            using var global = TorchSharp.torch.random.get_rng_state();
            global.Save(w);
        }
        WithHeader(path, 2, body.ToArray());
    }

    /// <summary>A checkpoint file around <paramref name="payload"/>: magic, version, length and the payload's SHA-256, as GanSharp writes them.</summary>
    internal static void WithHeader(string path, int version, byte[] payload)
    {
        using var f = new BinaryWriter(File.Create(path));
        f.Write("GANSHARP"u8.ToArray());
        f.Write(version);
        f.Write((long)payload.Length);
        f.Write(System.Security.Cryptography.SHA256.HashData(payload));
        f.Write(payload);
    }

    [Fact]
    public void Load_VersionTwoCheckpoint_RestoresWeightsOptimisersAndTheSingleStream()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan() with { EmaDecay = 0.9 }, TinyRuns.Trainer(2));
        s.Train(Array.Empty<ITrainingCallback>());
        var saved = TinyRuns.Weights(s.Recipe);
        WriteVersion2(tmp.File("v2.ckpt"), s.Recipe, step: 2, epoch: 0, batch: 2);
        s.Recipe.Step(s.Data);
        Assert.NotEqual(saved, TinyRuns.Weights(s.Recipe));
        var position = Checkpoint.Load(tmp.File("v2.ckpt"), s.Recipe);
        Assert.Equal(saved, TinyRuns.Weights(s.Recipe));
        Assert.Null(position.Streams);
        Assert.Equal(new[] { new GanSharp.Data.StreamPosition("batches", 0, 2) }, position.StreamsFor(s.Data));
        Assert.Equal(2, GanSharp.Tests.Recipes.GanTests.AdamSteps(s.Recipe.State.OptimizerNamed("generator").Optimizer));   // 3 before the load
    }

    [Fact]
    public void Load_FutureFormatVersion_SaysToUpdate()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan(), TinyRuns.Trainer(1));
        s.Train(Array.Empty<ITrainingCallback>());
        var bytes = File.ReadAllBytes(s.Directory.LastCheckpoint);
        BitConverter.GetBytes(Checkpoint.FormatVersion + 1).CopyTo(bytes, 8);
        File.WriteAllBytes(tmp.File("future.ckpt"), bytes);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(tmp.File("future.ckpt"), s.Recipe));
        Assert.Contains($"format version {Checkpoint.FormatVersion + 1}", e.Message);
        Assert.Contains("newer GanSharp", e.Message);
    }
}
