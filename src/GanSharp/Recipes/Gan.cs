using GanSharp.Data;
using GanSharp.Losses;
using GanSharp.Networks;
using GanSharp.Recipes.Options;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// The GAN training algorithm of the lectures (Goodfellow et al. 2014, Algorithm 1; seeds 000,
/// 002): k discriminator steps, each on a fresh real batch and fresh noise, then one generator
/// step. The adversarial loss is an <see cref="Objective"/>; D's penalty (WGAN-GP, R1, R2,
/// DRAGAN) and weight clipping (WGAN) are chosen once, at construction. MLP and DCGAN networks.
/// </summary>
public sealed class Gan : AdversarialRecipe<GanOptions, Discriminator>
{
    private readonly Objective objective;
    private readonly Generator penaltyNoise, instanceNoise;
    private readonly HistoricalAverage? historyG, historyD;
    private readonly Func<Tensor, Tensor, Tensor>? penalty;   // (real, fake) → weighted penalty
    private readonly Func<Tensor, Tensor> augment;            // --diff-augment, before every D input

    /// <summary>σ_t of the instance noise at the current step: σ₀ · max(0, 1 − t / T).</summary>
    public double InstanceNoiseSigma => Options.InstanceNoise * Math.Max(0, 1 - (double)StepsDone / Options.InstanceNoiseSteps);

    /// <summary>Builds networks (from the global seed, set by the caller) and optimisers on a device.</summary>
    public Gan(GanOptions options, long seed, Device device) : base(options, seed, device, BuildGenerator, BuildDiscriminator)
    {
        objective = RecipeParts.Objective(options);
        penaltyNoise = state.Stream("penalty");
        instanceNoise = state.Stream("instance-noise");
        augment = RecipeParts.Augmentation(options, state);
        penalty = Penalty(options, Judge, penaltyNoise);
        if (options.HistoricalAveraging > 0)
        {
            historyG = state.State("history_generator", new HistoricalAverage(g));
            historyD = state.State("history_discriminator", new HistoricalAverage(d));
        }
    }

    /// <summary>The penalty the options name, bound to D and its random stream; null for none.</summary>
    private static Func<Tensor, Tensor, Tensor>? Penalty(GanOptions o, Func<Tensor, Tensor> judge, Generator rng)
    {
        double w = o.PenaltyWeight;
        return o.Penalty switch
        {
            "gp" => (real, fake) => Penalties.GradientPenalty(judge, real, fake, rng, w),
            "r1" => (real, _) => Penalties.R1(judge, real, w),
            "r2" => (_, fake) => Penalties.R2(judge, fake, w),
            "dragan" => (real, _) => Penalties.Dragan(judge, real, rng, w),
            _ => null,
        };
    }

    /// <summary>The generator a family's options describe.</summary>
    public static nn.Module<Tensor, Tensor> BuildGenerator(FamilyOptions o) => o switch
    {
        ToyOptions t => new ToyGenerator(t.LatentSize, t.Width, t.Dimension, t.Depth, t.GNorm == "batch", t.GActivation == "leaky-relu"),
        _ when o.Networks == "mlp" => new VanillaGenerator(o.LatentSize, o.Width, o.Resolution, o.Channels),
        _ => new DcganGenerator(o.LatentSize, o.Resolution, o.Width, o.Channels),
    };

    /// <summary>The classifier discriminator a family's options describe; packing multiplies its input channels (or dimension).</summary>
    public static Discriminator BuildDiscriminator(ClassifierGanOptions o)
    {
        int pack = o is GanOptions g ? g.Pack : 1;
        return o switch
        {
            ToyOptions t => new ToyDiscriminator(t.Dimension * pack, t.Width, t.Depth, t.DiscriminatorOptions),
            _ when o.Networks == "mlp" => new VanillaDiscriminator(o.Width, o.Resolution, o.Channels * pack, o.DiscriminatorOptions),
            _ => new DcganDiscriminator(o.Resolution, o.Width, o.Channels * pack, o.DiscriminatorOptions),
        };
    }

    /// <summary>
    /// PacGAN's packing: (B, C, …) → (B/m, m·C, …), m consecutive samples side by side along the
    /// feature or channel axis, so D sees m samples at once and can tell a collapsed G by their
    /// sameness. The identity when m = 1.
    /// </summary>
    public static Tensor Pack(Tensor x, int m)
    {
        if (m == 1) return x;
        var shape = x.shape.ToArray();
        if (shape[0] % m != 0) throw new GanSharpException($"a batch of {shape[0]} cannot be packed in groups of {m}");
        shape[0] /= m;
        shape[1] *= m;
        return x.reshape(shape);
    }

    public override ProgressDescription Progress => RecipeParts.Progress(Options, objective);

    /// <summary>D of single points; with packing it is no classifier of single samples, so no JS estimate.</summary>
    public override DiscriminatorView Critic => new(LogitsAt, objective.Probabilistic && Options.Pack == 1);

    /// <summary>
    /// D's logit for each point on its own, in eval mode and without gradients, for plots of D over
    /// the data space; with packing, each point fills all m places of its pack.
    /// </summary>
    public Tensor LogitsAt(Tensor points)
    {
        using var _ = no_grad();
        d.eval();
        var logits = d.forward(Options.Pack == 1 ? points : points.repeat(1, Options.Pack));
        d.train();
        return logits;
    }

    /// <summary>D's logits of a batch of unpacked samples (augmented when asked): one logit per pack.</summary>
    private Tensor Judge(Tensor x) => d.forward(Pack(augment(x), Options.Pack));

    public override IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => new ConvolutionCheck.Subject[]
    {
        new("generator", () => BuildGenerator(Options), g, z),
        new("discriminator", () => BuildDiscriminator(Options), d, Pack(real, Options.Pack)),
    };

    public override StepLog Step(IBatches data, bool detailed = true)
    {
        g.train();
        d.train();
        var log = new StepLog();
        ApplyLrSchedule(log);
        Tensor real = null!;
        for (int i = 0; i < Options.DSteps; i++)
            DiscriminatorStep(real = data.Next().X, log, detailed);
        GeneratorStep(real, log, detailed);
        ema?.Update(StepsDone);
        StepsDone++;
        return log;
    }

    private void DiscriminatorStep(Tensor real, StepLog log, bool detailed)
    {
        var z = Noise(real.shape[0], noise);
        Tensor fake;
        using (no_grad()) fake = g.forward(z);                 // G is fixed during D's step
        var realLogits = Judge(Noisy(real));                   // (B / pack)
        var fakeLogits = Judge(Noisy(fake));                   // (B / pack)
        var lossD = objective.D(realLogits, fakeLogits);
        var total = lossD;
        if (historyD is not null)
        {
            var h = historyD.Penalty(d, Options.HistoricalAveraging);
            log["history/d"] = h.item<float>();
            total = total + h;
        }
        if (penalty is not null)
        {
            var p = penalty(real, fake);
            log["penalty"] = p.item<float>();
            total = total + p;
        }
        UpdateDiscriminator(total, lossD, log, detailed);
        log["d/real"] = objective.Report(realLogits).item<float>();
        log["d/fake"] = objective.Report(fakeLogits).item<float>();
        if (Options.Clip is double c) Penalties.ClipWeights(d, c);
        historyD?.Update(d);
    }

    /// <summary>
    /// Instance noise (Sønderby et al. 2017; noise on D's inputs, 000): x + σ_t ε with σ_t falling
    /// linearly from σ₀ to 0 over the annealing steps, so real and fake distributions overlap early.
    /// </summary>
    private Tensor Noisy(Tensor x)
    {
        double sigma = InstanceNoiseSigma;
        if (sigma == 0) return x;
        return x + sigma * randn(x.shape, generator: instanceNoise).to(x.device);
    }

    private void GeneratorStep(Tensor real, StepLog log, bool detailed)
    {
        var z = Noise(Options.BatchSize, noise);
        var lossG = Options.FeatureMatching ? FeatureMatching(Noisy(real), Noisy(g.forward(z)))
            : Options.UnrolledSteps > 0 ? Unrolling.GeneratorLoss(d, (TorchSharp.Modules.Adam)optD.Optimizer, Options with { LrD = Options.LrD * LrFactor }, objective, Pack(real, Options.Pack), Pack(g.forward(z), Options.Pack), Options.UnrolledSteps)
            : objective.G(Judge(Noisy(g.forward(z))));
        var total = lossG;
        if (historyG is not null)
        {
            var h = historyG.Penalty(g, Options.HistoricalAveraging);
            log["history/g"] = h.item<float>();
            total = lossG + h;
        }
        UpdateGenerator(total, lossG, log, detailed);
        historyG?.Update(g);
    }

    /// <summary>Feature matching on D's features; the real features are a fixed target.</summary>
    private Tensor FeatureMatching(Tensor real, Tensor fake)
    {
        Tensor target;
        using (no_grad()) target = d.Features(Pack(augment(real), Options.Pack));
        return Losses.FeatureMatching.Loss(target, d.Features(Pack(augment(fake), Options.Pack)));
    }
}
