using GanSharp.Imaging;
using GanSharp.Recipes;
using static TorchSharp.torch;

namespace GanSharp.Training.Callbacks;

/// <summary>
/// samples/step-NNNNNN.png: the recipe's own picture of its progress (<see cref="IRecipe.Probe(long)"/>:
/// a grid of G(z) for one fixed noise batch, a class × noise grid, …), drawn from fixed inputs of
/// its own seeded stream, so pictures are comparable over the whole run and across resumes.
/// </summary>
/// <param name="examples">fixed examples of the data for recipes that draw from them (translations), or null</param>
public sealed class SampleGrids(RunDirectory dir, long seed, Func<int, GanSharp.Data.Batch>? examples = null) : ITrainingCallback
{
    private IProbe? probe;

    public void OnStart(TrainingState state)
    {
        probe?.Dispose();
        probe = examples is null ? state.Recipe.Probe(seed) : state.Recipe.Probe(seed, examples);
    }

    public void OnStep(TrainingState state, StepLog log) => Save(state);

    public void OnEnd(TrainingState state, TrainingOutcome outcome)
    {
        if (outcome != TrainingOutcome.Diverged && !File.Exists(dir.SampleGrid(state.Step))) Save(state);
        probe?.Dispose();
        probe = null;
    }

    private void Save(TrainingState state)
    {
        using var scope = NewDisposeScope();
        switch (probe!.Draw())
        {
            case ImagePanel panel: ImageGrid.Save(panel.Images, dir.SampleGrid(state.Step), panel.Columns); break;
            case VolumePanel volumes: AtomicFile.Write(dir.SampleGrid(state.Step), s => s.Write(VoxelRender.PanelPng(volumes.Grids, volumes.Columns))); break;
        }
    }
}
