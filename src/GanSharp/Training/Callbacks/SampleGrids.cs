using GanSharp.Imaging;
using GanSharp.Recipes;
using GanSharp.Runtime;
using static TorchSharp.torch;

namespace GanSharp.Training.Callbacks;

/// <summary>
/// samples/step-NNNNNN.png: an 8×8 grid of G(z) for one fixed noise batch, drawn from its own
/// seeded stream, so grids are comparable over the whole run (and across resumes). Conditional
/// GANs get a class × noise grid instead: one row per class, the same z down each column.
/// </summary>
public sealed class SampleGrids(RunDirectory dir, long seed, int count = 64) : ITrainingCallback
{
    private Tensor? fixedNoise;
    private const int Columns = 8;

    public void OnStart(TrainingState state)
    {
        fixedNoise?.Dispose();
        using var g = Seeding.Generator(seed, "fixed-noise");
        fixedNoise = (state.Recipe is ConditionalGan c ? Latent.CodeGrids.ClassByNoise(c, Columns, g) : state.Recipe.Noise(count, g)).DetachFromDisposeScope();
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
        ImageGrid.Save(state.Recipe.Sample(fixedNoise!), dir.SampleGrid(state.Step), Columns);
    }
}
