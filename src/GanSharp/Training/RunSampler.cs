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

    /// <summary>
    /// The pyramid level every sample is drawn at (null: the finished images): LAPGAN's level k,
    /// expanded to the run's resolution. Setting it checks that the run draws by levels and has that one.
    /// </summary>
    public int? Level
    {
        get => level;
        set
        {
            if (value is int k)
            {
                if (recipe is not Recipes.Pyramid.IPyramidSampling pyramid) throw new GanSharpException($"--levels needs a family that draws level by level (lapgan); this run is {Config.Family}");
                if (k < 0 || k > pyramid.Levels) throw new GanSharpException($"this run has levels 0 to {pyramid.Levels}, not {k}");
            }
            level = value;
        }
    }
    private int? level;

    /// <summary>What the files of an evaluation of these samples end in: "-psi-0.5" under truncation, "-level-16" at a level, else "".</summary>
    public string FileSuffix => level is int k ? $"-level-{((Recipes.Pyramid.IPyramidSampling)recipe).SideOf(k)}" : TruncationSuffix(truncation);

    /// <summary>What the files of an evaluation at truncation ψ end in ("-psi-0.5"); "" without truncation.</summary>
    public static string TruncationSuffix(double? psi) =>
        psi is double p ? $"-psi-{p.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}" : "";

    /// <summary>Real images at the run's resolution as the samples' level sees them (themselves without a level).</summary>
    public Tensor AsSeenBySamples(Tensor real) => level is int k ? ((Recipes.Pyramid.IPyramidSampling)recipe).LowPass(real, k) : real;

    /// <summary>n images in [-1, 1], (n, C, H, W), from noise seeded by <paramref name="seed"/>.</summary>
    public Tensor Sample(int n, long seed)
    {
        if (n <= 0) throw new GanSharpException($"--count must be positive, got {n}");
        using var g = Seeding.Generator(seed, "sample");
        using var z = recipe.Noise(n, g);
        return SampleLatents(z);
    }

    /// <summary>Images of latent vectors the caller built (class grids, traversals, interpolations), at <see cref="Level"/> or truncated when one is set.</summary>
    public Tensor SampleLatents(Tensor latents) =>
        level is int k ? ((Recipes.Pyramid.IPyramidSampling)recipe).SampleLevel(latents, k)
        : truncation is double psi ? ((ITruncatedSampling)recipe).SampleTruncated(latents, psi) : recipe.Sample(latents);

    /// <summary>The run's recipe as a conditional GAN, or an error naming what the command needs.</summary>
    public IClassConditional Conditional(string what) => RecipeCapabilities.Conditional(recipe)
        ?? throw new GanSharpException($"{what} needs a conditional run (cgan, cgan-mlp, acgan, projection, infogan, or sagan and biggan with classes); this run is {Config.Family}{(recipe is IClassConditional ? " without classes" : "")}");

    public void Dispose() => recipe.Dispose();
}
