using GanSharp.Data;
using GanSharp.Losses;
using GanSharp.Networks;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes.Modern;

/// <summary>
/// Progressive growing of GANs (Karras et al. 2018; seed 002): G and D start at 4×4 and grow a stage
/// at a time (<see cref="GrowthSchedule"/>); the real images are shown at the stage's side (average
/// pooled) and, while a stage fades in, blended with their coarser version by the same α as the
/// networks. WGAN-GP (λ 10) plus the drift ε · E[D(x)²]; one D step per G step; samples come from
/// G's moving average, upsampled to the run's resolution so grids and metrics always see one size.
/// Checkpoint keys: those of <see cref="AdversarialRecipe{TOptions, TDiscriminator}"/>; streams noise, penalty.
/// </summary>
public sealed class ProGan : AdversarialRecipe<ProGanOptions, ProGanDiscriminator>
{
    private readonly Objective objective;
    private readonly Generator penaltyNoise;
    private readonly Func<Tensor, Tensor> augment;

    public GrowthSchedule Schedule { get; }

    public ProGan(ProGanOptions options, long seed, Device device) : base(options, seed, device, BuildGenerator, BuildDiscriminator)
    {
        objective = RecipeParts.Objective(options);
        penaltyNoise = state.Stream("penalty");
        augment = RecipeParts.Augmentation(options, state);
        var stages = Enumerable.Range(0, options.Shape.Last + 1).ToArray();
        var images = stages.Select(options.ImagesAt).ToArray();
        var batches = stages.Select(options.BatchAt).ToArray();
        Schedule = new GrowthSchedule(options.Shape.Last, s => images[s], s => batches[s], options.DSteps);
    }

    public static nn.Module<Tensor, Tensor> BuildGenerator(ProGanOptions o) => new ProGanGenerator(o.Shape, o.LatentSize, o.Channels);

    public static ProGanDiscriminator BuildDiscriminator(ProGanOptions o) => new(o.Shape, o.Channels);

    /// <summary>The stage, α and batch of the step about to be taken.</summary>
    public GrowthSchedule.Growth Growth => Schedule.At(StepsDone);

    /// <summary>Real images the last step showed (its stage's batch, --d-steps times); before any step, those of the first.</summary>
    public override long ImagesPerStep => (long)Options.DSteps * Schedule.At(Math.Max(0, StepsDone - 1)).BatchSize;

    /// <summary>Sets G, D and G's average to the current stage and α, and returns the growth.</summary>
    private GrowthSchedule.Growth Grow()
    {
        var growth = Growth;
        var stage = (growth.Stage, growth.Alpha);
        ((ProGanGenerator)g).Growth = stage;
        d.Growth = stage;
        if (ema?.Average is ProGanGenerator average) average.Growth = stage;
        return growth;
    }

    /// <summary>A batch of <paramref name="size"/> real images: as many of the data's batches as it takes (sizes are multiples of --batch-size).</summary>
    private static Tensor RealBatch(IBatches data, int size)
    {
        if (size == data.BatchSize) return data.Next().X;
        return cat(Enumerable.Range(0, size / data.BatchSize).Select(_ => data.Next().X).ToArray(), 0);
    }

    /// <summary>Images at the current stage, upsampled (nearest) to the run's resolution.</summary>
    public override Tensor Sample(Tensor z)
    {
        Grow();
        var images = base.Sample(z);
        long side = Options.Resolution;
        return images.shape[^1] == side ? images : nn.functional.interpolate(images, new[] { side, side }, mode: InterpolationMode.Nearest);
    }

    /// <summary>Real images at the stage's side; during a fade-in, (1 − α) · their coarser version (upsampled) + α · themselves.</summary>
    public Tensor AtStage(Tensor real, int stage, double alpha)
    {
        int side = Options.Shape.Side(stage);
        var x = real.shape[^1] == side ? real : nn.functional.avg_pool2d(real, real.shape[^1] / side);
        if (stage == 0 || alpha >= 1) return x;
        var coarse = Upsample.Twice(nn.functional.avg_pool2d(x, 2));
        return coarse + alpha * (x - coarse);
    }

    public override ProgressDescription Progress => new($"{Options.Family}, growing 4 → {Options.Resolution}, {Options.Loss} loss with gp and drift", objective.Probabilistic);

    public override IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => new ConvolutionCheck.Subject[]
    {
        new("generator", () => BuildGenerator(Options), g, z),            // replicas are fully grown: every layer is checked
        new("discriminator", () => BuildDiscriminator(Options), d, real),
    };

    public override StepLog Step(IBatches data, bool detailed = true)
    {
        g.train();
        d.train();
        var (stage, alpha, batch) = Grow();
        var log = new StepLog { ["growth/side"] = Options.Shape.Side(stage), ["growth/alpha"] = alpha, ["growth/batch"] = batch };
        ApplyLrSchedule(log);
        for (int i = 0; i < Options.DSteps; i++)
            DiscriminatorStep(AtStage(RealBatch(data, batch), stage, alpha), log, detailed);
        var lossG = objective.G(d.forward(augment(g.forward(Noise(batch, noise)))));
        UpdateGenerator(lossG, lossG, log, detailed);
        ema?.Update(StepsDone);
        StepsDone++;
        return log;
    }

    private void DiscriminatorStep(Tensor real, StepLog log, bool detailed)
    {
        Tensor fake;
        using (no_grad()) fake = g.forward(Noise(real.shape[0], noise));
        var realScores = d.forward(augment(real));
        var fakeScores = d.forward(augment(fake));
        var lossD = objective.D(realScores, fakeScores);
        var total = lossD;
        if (Options.Penalty == "gp")
        {
            var p = Penalties.GradientPenalty(x => d.forward(augment(x)), real, fake, penaltyNoise, Options.PenaltyWeight);
            log["penalty"] = p.item<float>();
            total = total + p;
        }
        if (Options.DriftWeight > 0) total = total + Options.DriftWeight * realScores.square().mean();
        UpdateDiscriminator(total, lossD, log, detailed);
        log["d/real"] = objective.Report(realScores).item<float>();
        log["d/fake"] = objective.Report(fakeScores).item<float>();
    }
}
