using GanSharp.Data;
using GanSharp.Layers;
using GanSharp.Losses;
using GanSharp.Networks;
using GanSharp.Recipes.Kit;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes.Pyramid;

/// <summary>
/// LAPGAN (Denton et al. 2015; seed 001): a fully connected GAN draws the coarsest level of a Laplacian pyramid
/// (<see cref="LaplacianPyramid"/>) from z; every finer level k is a conditional GAN whose G draws the
/// residual given the upsampled coarser image l and a noise plane, and whose D judges l + h against
/// l (<see cref="LapGanLevelDiscriminator"/>). In training every level sees the real pyramid of the
/// same batch, so the levels are independent and train jointly or one by one; sampling walks the
/// pyramid up from the base, each level refining the one below it (<see cref="SampleLevels"/>).
/// A latent is z for the base, then one noise plane per level, flattened: (N, L + Σ side²).
/// Checkpoint keys: modules base_generator, base_discriminator, then generator_S and discriminator_S
/// per level side S; optimisers the same names; stream noise.
/// </summary>
public sealed class LapGan : IPyramidSampling, ILrSchedule
{
    private readonly Objective objective;
    private readonly Func<Tensor, Tensor> augment;
    private readonly Generator noise;
    private readonly Device device;
    private readonly VanillaGenerator baseG;
    private readonly VanillaDiscriminator baseD;
    private readonly NamedOptimizer baseOptG, baseOptD;
    private readonly List<(LapGanLevelGenerator G, LapGanLevelDiscriminator D, NamedOptimizer OptG, NamedOptimizer OptD)> levels = new();

    public LapGanOptions Options { get; }
    public RecipeState State { get; }
    public long StepsDone { get; set; }
    public long ImagesPerStep => Options.BatchSize;
    public long DecayHorizon { get; set; }

    public LapGan(LapGanOptions options, long seed, Device device)
    {
        Options = options;
        this.device = device;
        State = new RecipeState(seed, device);
        objective = RecipeParts.Objective(options);
        int c = options.Channels;
        baseG = State.Network("base_generator", BaseGenerator(options));
        baseD = State.Network("base_discriminator", BaseDiscriminator(options));
        baseOptG = State.Optimizer("base_generator", RecipeParts.Optimizer(options, options.LrG), baseG);
        baseOptD = State.Optimizer("base_discriminator", RecipeParts.Optimizer(options, options.LrD), baseD);
        for (int k = 1; k <= options.Levels; k++)
        {
            int side = options.Side(k);
            var g = State.Network($"generator_{side}", new LapGanLevelGenerator(c, options.LevelWidth));
            var d = State.Network($"discriminator_{side}", new LapGanLevelDiscriminator(side, options.Width, c, options.DiscriminatorOptions));
            levels.Add((g, d, State.Optimizer($"generator_{side}", RecipeParts.Optimizer(options, options.LrG), g),
                State.Optimizer($"discriminator_{side}", RecipeParts.Optimizer(options, options.LrD), d)));
        }
        noise = State.Stream("noise");
        augment = RecipeParts.Augmentation(options, State);
    }

    /// <summary>The base level's G: the paper's CIFAR-10 G₀, a fully connected network (--base-hidden units, 1,200 in the paper) from z to the 8×8 image.</summary>
    public static VanillaGenerator BaseGenerator(LapGanOptions o) => new(o.LatentSize, o.BaseHidden, o.BaseSide, o.Channels);

    /// <summary>The base level's D: fully connected with half G's hidden units (the paper: 600).</summary>
    public static VanillaDiscriminator BaseDiscriminator(LapGanOptions o) => new(o.BaseHidden / 2, o.BaseSide, o.Channels, o.DiscriminatorOptions);

    /// <summary>The factor on every learning rate at the current step: 1, or 1 − t / T for --lr-decay linear.</summary>
    public double LrFactor => Options.Schedule == "linear" && DecayHorizon > 0 ? Schedules.LinearToZero(DecayHorizon)(StepsDone) : 1;

    /// <summary>Length of a latent: z of the base, then a noise plane of side² per level.</summary>
    public long LatentLength => Options.LatentSize + Enumerable.Range(1, Options.Levels).Sum(k => (long)Options.Side(k) * Options.Side(k));

    public Tensor Noise(long n, Generator generator) => randn(new[] { n, LatentLength }, generator: generator).to(device);

    /// <summary>The levels a step trains: all (joint), or one by one, --level-steps each, the last on after its turn.</summary>
    public IReadOnlyList<int> LevelsAt(long step) => Options.Training == "joint"
        ? Enumerable.Range(0, Options.Levels + 1).ToArray()
        : new[] { (int)Math.Min(step / Options.LevelSteps, Options.Levels) };

    public StepLog Step(IBatches data, bool detailed = true)
    {
        var log = new StepLog();
        double factor = LrFactor;
        State.ScaleLearningRates(factor);
        if (Options.Schedule != "none") log["lr/factor"] = factor;
        foreach (var m in State.Modules) m.Module.train();
        var real = data.Next().X;
        var images = RealPyramid(real);
        var trained = LevelsAt(StepsDone);
        if (trained.Contains(0)) TrainBase(images[0], log, detailed);
        foreach (int k in trained.Where(k => k > 0))
            TrainLevel(k, LaplacianPyramid.Up(images[k - 1]), images[k], log, detailed);
        StepsDone++;
        return log;
    }

    /// <summary>The real batch at every level's side, coarsest first (each the blur-and-decimate of the one above).</summary>
    private Tensor[] RealPyramid(Tensor real)
    {
        var images = new Tensor[Options.Levels + 1];
        images[Options.Levels] = real;
        for (int k = Options.Levels; k > 0; k--) images[k - 1] = LaplacianPyramid.Down(images[k]);
        return images;
    }

    private void TrainBase(Tensor real, StepLog log, bool detailed)
    {
        long n = real.shape[0];
        Tensor fake;
        using (no_grad()) fake = baseG.forward(Noise(n, noise).narrow(1, 0, Options.LatentSize));
        var realScores = baseD.forward(augment(real));
        var lossD = objective.D(realScores, baseD.forward(augment(fake)));
        Update.Step(baseOptD, lossD, log, "loss/d", lossD, "grad/d", detailed);
        log["d/real"] = objective.Report(realScores).item<float>();
        var fakeScores = baseD.forward(augment(baseG.forward(Noise(n, noise).narrow(1, 0, Options.LatentSize))));
        var lossG = objective.G(fakeScores);
        Update.Step(baseOptG, lossG, log, "loss/g", lossG, "grad/g", detailed);
        log["d/fake"] = objective.Report(fakeScores).item<float>();
    }

    /// <summary>Level k on the real pyramid: D tells coarse + real residual from coarse + G's residual, both beside the coarse image.</summary>
    private void TrainLevel(int k, Tensor coarse, Tensor real, StepLog log, bool detailed)
    {
        var (g, d, optG, optD) = levels[k - 1];
        int side = Options.Side(k);
        Tensor Plane() => randn(new[] { coarse.shape[0], 1L, side, side }, generator: noise).to(device);
        Tensor Judge(Tensor image) => d.forward(augment(LapGanLevelDiscriminator.Pair(image, coarse)));
        Tensor fake;
        using (no_grad()) fake = coarse + g.forward(LapGanLevelGenerator.Input(coarse, Plane()));
        var lossD = objective.D(Judge(real), Judge(fake));
        Update.Step(optD, lossD, log, $"loss/d@{side}", lossD, $"grad/d@{side}", detailed);
        var lossG = objective.G(Judge(coarse + g.forward(LapGanLevelGenerator.Input(coarse, Plane()))));
        Update.Step(optG, lossG, log, $"loss/g@{side}", lossG, $"grad/g@{side}", detailed);
    }

    /// <summary>Every level of the samples of these latents, coarsest first, in eval mode without gradients; the finest is clamped to [−1, 1].</summary>
    public IReadOnlyList<Tensor> SampleLevels(Tensor latents)
    {
        foreach (var m in State.Modules) m.Module.eval();
        using var _ = no_grad();
        latents = latents.to(device);
        var image = baseG.forward(latents.narrow(1, 0, Options.LatentSize));
        var result = new List<Tensor> { image };
        long offset = Options.LatentSize;
        for (int k = 1; k <= Options.Levels; k++)
        {
            int side = Options.Side(k);
            var plane = latents.narrow(1, offset, (long)side * side).view(-1, 1, side, side);
            offset += (long)side * side;
            var coarse = LaplacianPyramid.Up(image);
            image = coarse + levels[k - 1].G.forward(LapGanLevelGenerator.Input(coarse, plane));
            result.Add(image);
        }
        result[^1] = result[^1].clamp(-1, 1);
        return result;
    }

    /// <summary>
    /// A picture of the pyramid: one row per latent, its levels coarsest to finest left to right, each
    /// upsampled (nearest) to the resolution; (n · (levels + 1), C, R, R) row by row. Coarser levels are
    /// clamped to [−1, 1] for the picture.
    /// </summary>
    public Tensor LevelGrid(Tensor latents)
    {
        var levels = SampleLevels(latents);
        long r = Options.Resolution;
        var upsampled = levels.Select(l => nn.functional.interpolate(l.clamp(-1, 1), new[] { r, r }, mode: InterpolationMode.Nearest)).ToArray();
        return stack(upsampled, 1).flatten(0, 1);
    }

    public int Levels => Options.Levels;

    public int SideOf(int level) => Options.Side(level);

    public Tensor SampleLevel(Tensor latents, int level) => Expanded(SampleLevels(latents)[level].clamp(-1, 1), level).clamp(-1, 1);

    public Tensor LowPass(Tensor images, int level) => Expanded(Downsampled(images, level), level);

    /// <summary>An image at a level's side, expanded up the pyramid to the resolution.</summary>
    private Tensor Expanded(Tensor image, int level)
    {
        for (int k = level; k < Options.Levels; k++) image = LaplacianPyramid.Up(image);
        return image;
    }

    /// <summary>The finest level: images at the run's resolution in [−1, 1].</summary>
    public Tensor Sample(Tensor z) => SampleLevels(z)[^1];

    public ProgressDescription Progress => new(
        $"{Options.Family}, {Options.Loss} loss, base {Options.BaseSide} → {Options.Resolution}, levels trained {Options.Training}", objective.Probabilistic,
        Distances: Enumerable.Range(1, Options.Levels).SelectMany(k => new[] { ($"loss/d@{Options.Side(k)}", $"D loss at {Options.Side(k)}"), ($"loss/g@{Options.Side(k)}", $"G loss at {Options.Side(k)}") }).ToList());

    public IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z)
    {
        var o = Options;
        int c = o.Channels;
        var subjects = new List<ConvolutionCheck.Subject>
        {
            new("base generator", () => BaseGenerator(o), baseG, z.narrow(1, 0, o.LatentSize)),
            new("base discriminator", () => BaseDiscriminator(o), baseD, Downsampled(real, 0)),
        };
        for (int k = 1; k <= o.Levels; k++)
        {
            int side = o.Side(k);
            var coarse = LaplacianPyramid.Up(Downsampled(real, k - 1));
            var plane = zeros(coarse.shape[0], 1, side, side, device: coarse.device) + 0.5;
            subjects.Add(new($"generator at {side}", () => new LapGanLevelGenerator(c, o.LevelWidth), levels[k - 1].G, LapGanLevelGenerator.Input(coarse, plane)));
            subjects.Add(new($"discriminator at {side}", () => new LapGanLevelDiscriminator(side, o.Width, c, o.DiscriminatorOptions), levels[k - 1].D, LapGanLevelDiscriminator.Pair(Downsampled(real, k), coarse)));
        }
        return subjects;
    }

    /// <summary>Real images at level k's side.</summary>
    private Tensor Downsampled(Tensor real, int level)
    {
        var x = real;
        for (int k = Options.Levels; k > level; k--) x = LaplacianPyramid.Down(x);
        return x;
    }

    public void Dispose() => State.Dispose();
}
