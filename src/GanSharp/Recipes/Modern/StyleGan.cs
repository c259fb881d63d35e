using GanSharp.Data;
using GanSharp.Losses;
using GanSharp.Networks;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes.Modern;

/// <summary>
/// StyleGAN2 (Karras et al. 2020; seed 002) on <see cref="StyleGanGenerator"/> and
/// <see cref="StyleGanDiscriminator"/>. Each step: k D steps with the non-saturating logistic loss,
/// R1 on the real images every <see cref="StyleGanOptions.R1Every"/>-th of them, weighted by that
/// interval (lazy regularisation, section 3.1); then a G step whose batch mixes two w at a random layer
/// with probability <see cref="StyleGanOptions.StyleMixing"/> (StyleGAN, section 3.1), plus the
/// path-length term every <see cref="StyleGanOptions.PathLengthEvery"/>-th step when asked. G's running
/// mean of w is updated from the G batches; samples come from the EMA of G with constant noise maps, and
/// truncation happens in W: w̄ + ψ (w − w̄).
/// Checkpoint keys: those of <see cref="AdversarialRecipe{TOptions, TDiscriminator}"/>; streams noise,
/// layer-noise, path-length, then augment with --diff-augment.
/// </summary>
public sealed class StyleGan : AdversarialRecipe<StyleGanOptions, StyleGanDiscriminator>, IStyleSpace
{
    private readonly Objective objective;
    private readonly Generator layerNoise, pathNoise;
    private readonly Func<Tensor, Tensor> augment;
    private readonly StyleGanGenerator generator;

    public StyleGan(StyleGanOptions options, long seed, Device device) : base(options, seed, device, BuildGenerator, BuildDiscriminator)
    {
        objective = RecipeParts.Objective(options);
        layerNoise = state.Stream("layer-noise");
        pathNoise = state.Stream("path-length");
        augment = RecipeParts.Augmentation(options, state);
        generator = (StyleGanGenerator)g;
    }

    public static nn.Module<Tensor, Tensor> BuildGenerator(StyleGanOptions o) =>
        new StyleGanGenerator(o.Shape, o.LatentSize, o.StyleSize, o.MappingDepth, o.MappingLr, o.Channels);

    public static StyleGanDiscriminator BuildDiscriminator(StyleGanOptions o) => new(o.Shape, o.Channels, o.DArchitecture, o.StddevGroup);

    /// <summary>The generator samples come from: the EMA copy when there is one.</summary>
    public StyleGanGenerator Sampler => (StyleGanGenerator)(ema?.Average ?? g);

    /// <summary>Images of z truncated in W towards the running mean w̄ (ψ = 1: none; ψ = 0: the image of w̄).</summary>
    public override Tensor SampleTruncated(Tensor latents, double psi) =>
        RecipeParts.InEval(Sampler, s => s.Synthesis(s.Broadcast(s.Truncate(s.Map(latents), psi))));

    public Tensor MapToW(Tensor latents) => RecipeParts.InEval(Sampler, s => s.Map(latents));

    public Tensor SynthesizeW(Tensor w) => RecipeParts.InEval(Sampler, s => s.Synthesis(s.Broadcast(w)));

    /// <summary>
    /// A style-mixing grid (StyleGAN, figure 3): for every row latent A and column latent B, the image of
    /// A's w with B's w at the layers of the given stages; (rows · columns, C, R, R), row by row.
    /// </summary>
    public Tensor MixStyles(Tensor rows, Tensor columns, IReadOnlyCollection<int> stages, double psi = 1) =>
        RecipeParts.InEval(Sampler, s =>
        {
            long r = rows.shape[0], c = columns.shape[0];
            var fromB = tensor(Enumerable.Range(0, s.StyleCount).Select(i => stages.Contains(s.StageOfStyle(i))).ToArray()).view(1, -1, 1);
            var a = s.Broadcast(s.Truncate(s.Map(rows), psi)).repeat_interleave(c, 0);      // A0 A0 … A1 A1 …
            var b = s.Broadcast(s.Truncate(s.Map(columns), psi)).repeat(r, 1, 1);           // B0 B1 … B0 B1 …
            return s.Synthesis(where(fromB.to(a.device), b, a));
        });

    public override ProgressDescription Progress =>
        new($"{Options.Family}, {Options.Loss} loss, {(Options.Penalty == "r1" ? $"lazy r1 every {Options.R1Every}" : "no r1")}, style mixing {Options.StyleMixing:0.##}", objective.Probabilistic);

    public override IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => new ConvolutionCheck.Subject[]
    {
        new("generator", () => BuildGenerator(Options), g, z),           // replicas draw no noise: their constant maps are the same
        new("discriminator", () => BuildDiscriminator(Options), d, real),
    };

    public override StepLog Step(IBatches data, bool detailed = true)
    {
        g.train();
        d.train();
        var log = new StepLog();
        ApplyLrSchedule(log);
        generator.LayerNoise = layerNoise;
        try
        {
            for (int i = 0; i < Options.DSteps; i++)
                DiscriminatorStep(data.Next().X, StepsDone * Options.DSteps + i, log, detailed);
            GeneratorStep(log, detailed);
        }
        finally
        {
            generator.LayerNoise = null;
        }
        ema?.Update(StepsDone);
        StepsDone++;
        return log;
    }

    /// <summary>
    /// w for every layer of n fresh latents: one w each, or, with probability --style-mixing, a second
    /// w from the layer of a cutoff drawn in [1, StyleCount) on (as StyleGAN2-ADA draws it, once per batch).
    /// </summary>
    private Tensor Styles(long n, bool trackMean)
    {
        var w = generator.Map(Noise(n, noise));
        if (trackMean) generator.TrackMeanW(w, Options.WAverageDecay);
        var ws = generator.Broadcast(w);
        bool mix = rand(1, generator: noise).item<float>() < Options.StyleMixing;
        if (!mix || generator.StyleCount < 2) return ws;
        long cutoff = randint(1, generator.StyleCount, new long[] { 1 }, generator: noise).item<long>();
        var second = generator.Broadcast(generator.Map(Noise(n, noise)));
        return cat(new[] { ws.narrow(1, 0, cutoff), second.narrow(1, cutoff, generator.StyleCount - cutoff) }, 1);
    }

    private void DiscriminatorStep(Tensor real, long index, StepLog log, bool detailed)
    {
        Tensor fake;
        using (no_grad()) fake = generator.Synthesis(Styles(real.shape[0], trackMean: false));
        var realLogits = d.forward(augment(real));
        var fakeLogits = d.forward(augment(fake));
        var lossD = objective.D(realLogits, fakeLogits);
        var total = lossD;
        if (Options.Penalty == "r1" && index % Options.R1Every == 0)
        {
            var r1 = Penalties.R1(x => d.forward(augment(x)), real, Options.PenaltyWeight);
            log["penalty"] = r1.item<float>();
            total = total + Options.R1Every * r1;
        }
        UpdateDiscriminator(total, lossD, log, detailed);
        log["d/real"] = objective.Report(realLogits).item<float>();
        log["d/fake"] = objective.Report(fakeLogits).item<float>();
    }

    private void GeneratorStep(StepLog log, bool detailed)
    {
        var lossG = objective.G(d.forward(augment(generator.Synthesis(Styles(Options.BatchSize, trackMean: true)))));
        var total = lossG;
        if (Options.PathLengthWeight > 0 && StepsDone % Options.PathLengthEvery == 0)
        {
            var penalty = PathLengthPenalty(log);
            total = total + Options.PathLengthWeight * Options.PathLengthEvery * penalty;
        }
        UpdateGenerator(total, lossG, log, detailed);
    }

    /// <summary>
    /// StyleGAN2's path-length regulariser (section 3.2): for images g(w) of half a batch and y ~ N(0, I)/√(H·W),
    /// the lengths ‖J_wᵀ y‖ (over each layer's w, averaged) are pulled towards their running mean a (β 0.99),
    /// which keeps a fixed-size step in W a fixed-size change of the image.
    /// </summary>
    private Tensor PathLengthPenalty(StepLog log)
    {
        var ws = Styles(Math.Max(1, Options.BatchSize / 2), trackMean: false);
        var images = generator.Synthesis(ws);
        var y = randn(images.shape, generator: pathNoise).to(images.device) / Math.Sqrt(images.shape[2] * images.shape[3]);
        var grad = autograd.grad(new[] { (images * y).sum() }, new[] { ws }, create_graph: true, retain_graph: true)[0];
        var lengths = grad.square().sum(2).mean(new long[] { 1 }).sqrt();
        var batchMean = lengths.detach().mean();
        var mean = generator.PathLengthMean;
        using (no_grad()) mean.add_((batchMean - mean) * 0.01);
        var penalty = (lengths - mean).square().mean();
        log["path-length"] = batchMean.item<float>();
        log["penalty/g"] = penalty.item<float>();
        return penalty;
    }
}
