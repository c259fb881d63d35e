using GanSharp.Recipes;
using GanSharp.Training;

namespace GanSharp.Tests.Training;

/// <summary>Small, fast run settings on the embedded data for training tests.</summary>
internal static class TinyRuns
{
    public static GanOptions Dcgan(int dSteps = 1) =>
        Families.DefaultsOf<GanOptions>("dcgan") with { Width = 8, BatchSize = 16, DSteps = dSteps, LatentSize = 16 };

    public static TrainerOptions Trainer(long steps, int checkpointEvery = 1000, long seed = 1, string data = "embedded") => new()
    {
        Steps = steps, Seed = seed, Data = data, LogEvery = 1, SampleEvery = 1000,
        CheckpointEvery = checkpointEvery, ConvCheck = false,
    };

    public static TrainingSession Start(TempFolder tmp, string name, FamilyOptions gan, TrainerOptions trainer, List<string>? messages = null) =>
        TrainingSession.Create(gan, trainer, new RunDirectory(tmp.File(name)), m => messages?.Add(m));

    /// <summary>The session's recipe as the plain GAN recipe.</summary>
    public static Gan Gan(this TrainingSession s) => (Gan)s.Recipe;

    /// <summary>All parameters and buffers of both networks (or of the module named <paramref name="module"/>), as one flat float array.</summary>
    public static float[] Weights(IRecipe recipe, string? module = null) =>
        recipe.State.Modules.Where(m => module is null || m.Name == module).SelectMany(p => p.Module.state_dict().OrderBy(kv => kv.Key))
            .SelectMany(kv => kv.Value.to_type(TorchSharp.torch.ScalarType.Float32).data<float>().ToArray()).ToArray();

    /// <summary>
    /// The resume test of every family: 4 steps straight, and 2 + stop + resume + 2 from a checkpoint
    /// at step 2, must end in the same weights to the bit. Returns the straight run's weights.
    /// </summary>
    public static float[] AssertResumesBitIdentically(TempFolder tmp, FamilyOptions options, string name = "resume", string data = "embedded")
    {
        float[] straight;
        using (var s = Start(tmp, name + "-straight", options, Trainer(4, checkpointEvery: 2, data: data)))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            straight = Weights(s.Recipe);
        }
        using (var s = Start(tmp, name + "-halves", options, Trainer(2, checkpointEvery: 2, data: data)))
            s.Train(Array.Empty<ITrainingCallback>());
        using var resumed = TrainingSession.Resume(tmp.File(name + "-halves"), _ => { }, totalSteps: 4);
        resumed.Train(Array.Empty<ITrainingCallback>());
        Xunit.Assert.Equal(straight, Weights(resumed.Recipe));
        return straight;
    }

    /// <summary>Trains until <paramref name="step"/> and stops as Ctrl+C does (a checkpoint, then out): a run killed part-way with its full horizon.</summary>
    public static void TrainAndStopAt(TrainingSession s, long step)
    {
        using var stop = new CancellationTokenSource();
        var outcome = s.Train(new ITrainingCallback[] { new CancelAt(step, stop) }, stop.Token);
        if (outcome != TrainingOutcome.Cancelled) throw new InvalidOperationException($"the run ended {outcome}, not stopped at step {step}");
    }

    private sealed class CancelAt(long step, CancellationTokenSource source) : ITrainingCallback
    {
        public void OnStep(TrainingState state, StepLog log)
        {
            if (state.Step == step) source.Cancel();
        }
    }
}
