using GanSharp.Data;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Lab;

/// <summary>
/// `gan eval RUN` for a toy run: the mode coverage of a checkpoint's samples (any count, any
/// noise seed), written to RUN/eval-coverage.json beside the training's own coverage.json.
/// </summary>
public static class RunCoverage
{
    /// <summary>True when the run trained on a toy distribution (config.json's dataset is toy:NAME).</summary>
    public static bool IsToyRun(RunConfig config) => config.Trainer.Dataset.StartsWith("toy:", StringComparison.Ordinal);

    public static ModeCoverage.Result Measure(string runFolder, int count, long seed, string checkpoint)
    {
        using var sampler = new RunSampler(runFolder, checkpoint);
        var toy = ToyDistribution.Named(sampler.Config.Trainer.Dataset["toy:".Length..]);
        if (toy.Centres is null) throw new GanSharpException($"{runFolder}: the toy distribution {toy.Name} has no modes to count (coverage needs a mixture: ring, grid, …)");
        using var scope = NewDisposeScope();
        var r = ModeCoverage.Measure(sampler.Sample(count, seed).cpu(), toy);
        r.Save(Path.Combine(runFolder, "eval-coverage.json"), toy.Name, sampler.Step, seed);
        return r;
    }
}
