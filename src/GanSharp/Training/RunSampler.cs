using GanSharp.Recipes;
using GanSharp.Runtime;
using static TorchSharp.torch;

namespace GanSharp.Training;

/// <summary>Loads a run's generator from its checkpoint, for sampling after (or during) training.</summary>
public sealed class RunSampler : IDisposable
{
    private readonly IRecipe recipe;

    /// <summary>The run's recipe with the checkpoint's weights (conditional runs: an <see cref="IClassConditional"/>).</summary>
    public IRecipe Recipe => recipe;

    /// <summary>The run's config.json.</summary>
    public RunConfig Config { get; }

    /// <summary>The step of the checkpoint that was loaded.</summary>
    public long Step { get; }

    /// <param name="runFolder">The run folder (config.json, checkpoints/).</param>
    /// <param name="checkpoint">"last", "previous", or a path to a .ckpt file.</param>
    /// <param name="threads">libtorch threads; 0 keeps the default.</param>
    public RunSampler(string runFolder, string checkpoint = "last", int threads = 0)
    {
        var dir = new RunDirectory(runFolder);
        var config = Config = RunConfig.Load(dir.Config);
        TorchRuntime.Initialize(threads);
        var device = TorchRuntime.ResolveDevice(config.Trainer.Device);
        recipe = Families.CreateRecipe(config.Options, config.Trainer.Seed, device);
        string path = checkpoint switch
        {
            "last" => dir.LastCheckpoint,
            "previous" => dir.PreviousCheckpoint,
            _ => checkpoint,
        };
        Step = Checkpoint.Load(path, recipe).Step;
        if (config.ConvolutionCheck?.Path == "onednn-off") OneDnn.Enabled = false; // the run found oneDNN wrong here
    }

    /// <summary>
    /// The truncation ψ every sample is drawn with (null: none); setting it checks that the run's
    /// recipe has the truncation trick and that ψ is a number ≥ 0.
    /// </summary>
    public double? Truncation
    {
        get => truncation;
        set
        {
            if (value is double psi)
            {
                if (recipe is not ITruncatedSampling) throw new GanSharpException($"--truncation needs a family with the truncation trick (the noise-to-image families); this run is {Config.Family}");
                if (!(psi >= 0) || double.IsInfinity(psi)) throw new GanSharpException($"--truncation must be a number ≥ 0, got {psi}");
            }
            truncation = value;
        }
    }
    private double? truncation;

    /// <summary>n images in [-1, 1], (n, C, H, W), from noise seeded by <paramref name="seed"/>.</summary>
    public Tensor Sample(int n, long seed)
    {
        if (n <= 0) throw new GanSharpException($"--count must be positive, got {n}");
        using var g = Seeding.Generator(seed, "sample");
        using var z = recipe.Noise(n, g);
        return SampleLatents(z);
    }

    /// <summary>Images of latent vectors the caller built (class grids, traversals, interpolations), truncated when <see cref="Truncation"/> is set.</summary>
    public Tensor SampleLatents(Tensor latents) =>
        truncation is double psi ? ((ITruncatedSampling)recipe).SampleTruncated(latents, psi) : recipe.Sample(latents);

    /// <summary>The run's recipe as a conditional GAN, or an error naming what the command needs.</summary>
    public IClassConditional Conditional(string what) => RecipeCapabilities.Conditional(recipe)
        ?? throw new GanSharpException($"{what} needs a conditional run (cgan, cgan-mlp, acgan, projection, infogan, or sagan and biggan with classes); this run is {Config.Family}{(recipe is IClassConditional ? " without classes" : "")}");

    public void Dispose() => recipe.Dispose();
}
