using GanSharp.Imaging;
using GanSharp.Recipes;
using GanSharp.Runtime;
using static TorchSharp.torch;

namespace GanSharp.Training.Callbacks;

/// <summary>
/// samples/step-NNNNNN.png: an 8×8 grid of G(z) for one fixed noise batch, drawn from its own
/// seeded stream, so grids are comparable over the whole run (and across resumes).
/// </summary>
public sealed class SampleGrids(RunDirectory dir, long seed, int count = 64) : ITrainingCallback
{
    private Tensor? fixedNoise;

    public void OnStart(TrainingState state)
    {
        fixedNoise?.Dispose();
        using var g = Seeding.Generator(seed, "fixed-noise");
        fixedNoise = state.Recipe.Noise(count, g).DetachFromDisposeScope();
    }

    public void OnStep(TrainingState state, StepLog log) => Save(state);

    public void OnEnd(TrainingState state, TrainingOutcome outcome)
    {
        if (outcome != TrainingOutcome.Diverged && !File.Exists(dir.SampleGrid(state.Step))) Save(state);
        fixedNoise?.Dispose();
        fixedNoise = null;
    }

    private void Save(TrainingState state)
    {
        using var scope = NewDisposeScope();
        ImageGrid.Save(state.Recipe.Sample(fixedNoise!), dir.SampleGrid(state.Step));
    }
}
