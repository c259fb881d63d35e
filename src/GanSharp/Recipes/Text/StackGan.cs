using GanSharp.Data;
using GanSharp.Layers;
using GanSharp.Losses;
using GanSharp.Networks;
using GanSharp.Recipes.Kit;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes.Text;

/// <summary>
/// StackGAN (Zhang et al. 2017; seeds 001, 004), one stage per run. Each step embeds the batch's
/// descriptions with the frozen text encoder (φ), samples c = μ(φ) + σ(φ) ⊙ ε by conditioning
/// augmentation, and trains a matching-aware D on (real image, its text), (real image, another
/// image's text) and (G's image, its text), each judged with μ; G's loss adds the KL term on c.
/// Stage I: G(z, c). Stage II: G(stage-I image, c) with the stage-I generator and its augmentation
/// frozen inside the recipe (copied from the stage-I run when the run starts, then in every checkpoint).
/// A latent is [z, ε of stage I, ε of stage II (stage II only), φ]: (N, L + stages·C + E).
/// Checkpoint keys: modules generator, augmentation, discriminator (stage II also stage1_generator,
/// stage1_augmentation); optimisers generator, discriminator; stream noise.
/// </summary>
public sealed class StackGan : IRecipe, ITextConditional
{
    private readonly Objective objective;
    private readonly Device device;
    private readonly DescriptionTable text;
    private readonly nn.Module<Tensor, Tensor> generator;
    private readonly ConditioningAugmentation augmentation;
    private readonly StackGanDiscriminator discriminator;
    private readonly StackGanStageOneGenerator? stageOne;           // stage II: the frozen stage-I generator and augmentation
    private readonly ConditioningAugmentation? stageOneAugmentation;
    private readonly NamedOptimizer optG, optD;
    private readonly Generator noise;

    public StackGanOptions Options { get; }
    public RecipeState State { get; }
    public long StepsDone { get; set; }
    public long ImagesPerStep => Options.BatchSize;
    public DescriptionTable Text => text;

    public StackGan(StackGanOptions options, long seed, Device device)
    {
        if (options.TextMatcher is null) throw new GanSharpException($"{options.Family} needs a text matcher (--text-matcher, or the one gan text train made for the run's folder)");
        Options = options;
        this.device = device;
        State = new RecipeState(seed, device);
        objective = RecipeParts.Objective(options);
        text = new DescriptionTable(options.TextMatcher, options.TextMatcherSha256, device);
        int c = options.Channels, e = text.EmbeddingSize;     // φ's size: the matcher's
        if (options.Stage == 1)
            generator = State.Network("generator", (nn.Module<Tensor, Tensor>)StageOneGenerator(options));
        else
        {
            stageOne = State.State("stage1_generator", StageOneGenerator(options));
            stageOneAugmentation = State.State("stage1_augmentation", new ConditioningAugmentation(e, options.ConditionSize));
            foreach (var p in stageOne.parameters().Concat(stageOneAugmentation.parameters())) p.requires_grad = false;
            generator = State.Network("generator", (nn.Module<Tensor, Tensor>)new StackGanStageTwoGenerator(options.StageOneSide, options.ConditionSize, options.Width, c, options.ResidualBlocks));
        }
        augmentation = State.Network("augmentation", new ConditioningAugmentation(e, options.ConditionSize));
        discriminator = State.Network("discriminator", new StackGanDiscriminator(options.Resolution, options.Width, c, options.ConditionSize));
        optG = State.Optimizer("generator", RecipeParts.Optimizer(options, options.LrG), generator, augmentation);
        optD = State.Optimizer("discriminator", RecipeParts.Optimizer(options, options.LrD), discriminator);
        noise = State.Stream("noise");
    }

    /// <summary>Stage I's generator of these options (stage II: of its stage-I run, at half the side).</summary>
    public static StackGanStageOneGenerator StageOneGenerator(StackGanOptions o) =>
        new(o.LatentSize + o.ConditionSize, o.StageOneSide, o.Width, o.Channels);

    /// <summary>The stage-I modules stage II keeps frozen, to be filled from a stage-I run (null in stage I).</summary>
    public (nn.Module Generator, nn.Module Augmentation)? FrozenStageOne => stageOne is null ? null : (stageOne, stageOneAugmentation!);

    private int Stages => Options.Stage;

    public long LatentLength => Options.LatentSize + Stages * Options.ConditionSize + text.EmbeddingSize;

    public Tensor Noise(long n, Generator g)
    {
        var zAndEpsilon = ZAndEpsilon(n, g);
        return cat(new[] { zAndEpsilon, text.Draw(n, g).Phi }, 1);
    }

    /// <summary>Latents for one φ (1, E) or one per row (N, E), z and ε from <paramref name="g"/>.</summary>
    public Tensor LatentsFor(Tensor phi, long n, Generator g)
    {
        return cat(new[] { ZAndEpsilon(n, g), phi.to(device).expand(n, -1) }, 1);
    }

    /// <summary>The latent's z and ε parts, (N, L + stages·C), drawn before φ.</summary>
    private Tensor ZAndEpsilon(long n, Generator g) => randn(new[] { n, Options.LatentSize + Stages * Options.ConditionSize }, generator: g).to(device);

    public StepLog Step(IBatches data, bool detailed = true)
    {
        generator.train(); augmentation.train(); discriminator.train();
        stageOne?.eval(); stageOneAugmentation?.eval();
        var log = new StepLog();
        var batch = data.Next();
        var real = batch.X;
        var phi = text.Embed(batch.Condition ?? throw new GanSharpException($"{Options.Family} trains on described images: the folder needs a captions.tsv"));
        long n = real.shape[0];
        var z = randn(new[] { n, (long)Options.LatentSize }, generator: noise).to(device);
        var low = stageOne is null ? null : StageOneImages(z, phi, randn(new[] { n, (long)Options.ConditionSize }, generator: noise).to(device));

        Tensor fake, condition;
        using (no_grad())
        {
            var (cFake, mu, _) = augmentation.Sample(phi, noise);
            (fake, condition) = (Draw(z, cFake, low), mu);
        }
        var realLogits = Judge(real, condition);
        var lossD = MatchingAware.D(objective, realLogits, Judge(real, condition.roll(1, 0)), Judge(fake, condition));
        Update.Step(optD, lossD, log, "loss/d", lossD, "grad/d", detailed);
        log["d/real"] = objective.Report(realLogits).item<float>();

        var (c, muG, logVar) = augmentation.Sample(phi, noise);
        var fakeLogits = Judge(Draw(z, c, low), muG.detach());
        var adversarial = objective.G(fakeLogits);
        var kl = ConditioningAugmentation.Kl(muG, logVar);
        var lossG = adversarial + Options.KlWeight * kl;
        Update.Step(optG, lossG, log, "loss/g", adversarial, "grad/g", detailed);
        log["d/fake"] = objective.Report(fakeLogits).item<float>();
        log["kl"] = kl.item<float>();
        StepsDone++;
        return log;
    }

    /// <summary>Stage II's input images from the frozen stage I (null in stage I).</summary>
    private Tensor? StageOneImages(Tensor z, Tensor phi, Tensor epsilon)
    {
        if (stageOne is null) return null;
        using var _ = no_grad();
        return stageOne.forward(cat(new[] { z, stageOneAugmentation!.Condition(phi, epsilon) }, 1));
    }

    private Tensor Draw(Tensor z, Tensor c, Tensor? low) =>
        low is null ? generator.forward(cat(new[] { z, c }, 1)) : generator.forward(StackGanStageTwoGenerator.Input(low, c));

    private Tensor Judge(Tensor images, Tensor mu) => discriminator.forward(StackGanDiscriminator.Input(images, mu));

    public Tensor Sample(Tensor latents) => SampleStages(latents).Last();

    /// <summary>Every stage's images of these latents, stage I first, in eval mode without gradients.</summary>
    public IReadOnlyList<Tensor> SampleStages(Tensor latents)
    {
        foreach (var m in State.Modules) m.Module.eval();
        using var _ = no_grad();
        latents = latents.to(device);
        int l = Options.LatentSize, cs = Options.ConditionSize;
        var z = latents.narrow(1, 0, l);
        var phi = latents.narrow(1, l + Stages * cs, text.EmbeddingSize);
        var epsilon = latents.narrow(1, l, cs);
        if (stageOne is null) return new[] { generator.forward(cat(new[] { z, augmentation.Condition(phi, epsilon) }, 1)) };
        var low = StageOneImages(z, phi, epsilon)!;
        return new[] { low, generator.forward(StackGanStageTwoGenerator.Input(low, augmentation.Condition(phi, latents.narrow(1, l + cs, cs)))) };
    }

    public ProgressDescription Progress => new($"{Options.Family} stage {(Options.Stage == 1 ? "I" : "II")}, {Options.Loss} loss, matching-aware D, KL × {Options.KlWeight}", objective.Probabilistic,
        Distances: new[] { ("kl", "KL of the conditioning augmentation") });

    /// <summary>
    /// The networks on the inputs they see in training: D on real images beside μ of their latents' φ;
    /// stage II's G on the frozen stage I's images of the latents and their c (real images at half the
    /// side are nearly flat white emoji backgrounds, whose batch norm cancels badly in float32).
    /// </summary>
    public IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z)
    {
        var o = Options;
        int l = o.LatentSize, cs = o.ConditionSize;
        Tensor mu, c;
        using (no_grad())
        {
            var phi = z.narrow(1, l + Stages * cs, text.EmbeddingSize).to(device);
            mu = augmentation.MuAndLogVar(phi).Mu.cpu();
            c = augmentation.Condition(phi, z.narrow(1, l + (Stages - 1) * cs, cs).to(device)).cpu();
        }
        var subjects = new List<ConvolutionCheck.Subject>
        {
            new("discriminator", () => new StackGanDiscriminator(o.Resolution, o.Width, o.Channels, cs), discriminator, StackGanDiscriminator.Input(real, mu)),
        };
        if (stageOne is null)
            subjects.Add(new("generator", () => StageOneGenerator(o), generator, cat(new[] { z.narrow(1, 0, l), c }, 1)));
        else
            subjects.Add(new("generator", () => new StackGanStageTwoGenerator(o.StageOneSide, cs, o.Width, o.Channels, o.ResidualBlocks), generator,
                StackGanStageTwoGenerator.Input(SampleStages(z)[0].cpu(), c)));
        return subjects;
    }

    public void Dispose()
    {
        State.Dispose();
        text.Dispose();
    }
}
