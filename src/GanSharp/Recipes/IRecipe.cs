using GanSharp.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// A GAN family's training logic: it owns its networks, optimisers and step schedule, and never
/// writes files. The trainer calls <see cref="Step"/> inside a per-step dispose scope.
/// </summary>
public interface IRecipe : IDisposable
{
    /// <summary>
    /// One generator step with its discriminator steps; returns the named numbers of the step.
    /// Losses are always reported (the NaN stop needs them); <paramref name="detailed"/> adds
    /// diagnostics that cost a pass over all gradients (norms), for the steps that are logged.
    /// </summary>
    StepLog Step(IBatches data, bool detailed = true);

    /// <summary>Generator output for z, in eval mode and without gradients: images in [-1, 1].</summary>
    Tensor Sample(Tensor z);

    /// <summary>n latent vectors from the recipe's prior, drawn from the given generator.</summary>
    Tensor Noise(long n, Generator generator);

    /// <summary>Generator steps taken so far; schedules (instance-noise annealing) read it, resume sets it.</summary>
    long StepsDone { get; set; }

    /// <summary>Real images consumed by one <see cref="Step"/>.</summary>
    long ImagesPerStep { get; }

    /// <summary>The recipe's networks with a factory for replicas and an input batch, for the convolution self-check.</summary>
    IReadOnlyList<Runtime.ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z);

    /// <summary>What a picture of the recipe's progress is, from fixed inputs seeded by <paramref name="seed"/> (the sample grids of a run).</summary>
    IProbe Probe(long seed) => Probes.NoiseGrid(this, seed);

    /// <summary>The same, for recipes whose pictures are made from examples of the data (input | output | target); <paramref name="examples"/>(n) gives the same n every time.</summary>
    IProbe Probe(long seed, Func<int, Batch> examples) => Probe(seed);

    /// <summary>Refuses data the recipe cannot train on (unlabelled data for a label-conditional recipe …), naming <paramref name="source"/>.</summary>
    void CheckData(Data.DataShape shape, string source) { }

    /// <summary>How the recipe's loss plot reads.</summary>
    ProgressDescription Progress => new(GetType().Name, OutputsAreProbabilities: false);

    /// <summary>The discriminator as plots of the data space see it; null when D does not score single samples.</summary>
    DiscriminatorView? Critic => null;

    /// <summary>Networks, optimisers, state modules and random streams by checkpoint key: what a checkpoint saves.</summary>
    Kit.RecipeState State { get; }
}

/// <summary>The named numbers of one training step (keys like loss/d, loss/g, d/real).</summary>
public sealed class StepLog : Dictionary<string, double>
{
    /// <summary>A loss beyond this magnitude means the networks have exploded (no loss of the material gets near it while training).</summary>
    public const double ExplodedLoss = 1e12;

    /// <summary>The first non-finite value, if any: a NaN or infinite loss stops the run.</summary>
    public KeyValuePair<string, double>? FirstNonFinite() =>
        this.Where(kv => !double.IsFinite(kv.Value)).Select(kv => (KeyValuePair<string, double>?)kv).FirstOrDefault();

    /// <summary>Why this step shows divergence — a NaN or infinite value, or a loss beyond ±<see cref="ExplodedLoss"/> — or null.</summary>
    public string? Divergence()
    {
        if (FirstNonFinite() is { } bad) return $"{bad.Key} is {bad.Value}";
        foreach (var (key, value) in this)
            if (key.StartsWith("loss/", StringComparison.Ordinal) && Math.Abs(value) > ExplodedLoss)
                return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key} is {value:G3}, beyond ±1e12: the networks have exploded");
        return null;
    }
}
