using GanSharp.Data;
using GanSharp.Losses;
using GanSharp.Networks;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes.Modern;

/// <summary>
/// SAGAN (Zhang et al. 2019) and BigGAN (Brock et al. 2019), seed 002: ResNet G and D with
/// self-attention, the hinge loss and two time-scale learning rates (D 4× G, Adam β1 = 0); with
/// classes, conditional batch norm in G and a projection D. k D steps on fresh real batches, then
/// one G step whose loss adds BigGAN's orthogonal regularisation when asked; the EMA of G is what
/// samples come from. G's input is [z, one-hot class] (<see cref="IClassConditional"/>).
/// Checkpoint keys: those of <see cref="AdversarialRecipe{TOptions, TDiscriminator}"/>; streams
/// noise, then augment with --diff-augment.
/// </summary>
public sealed class ResNetGan : AdversarialRecipe<ResNetGanOptions, nn.Module>, IClassConditional
{
    private readonly Objective objective;
    private readonly Func<Tensor, Tensor?, Tensor> judge;        // (images, labels) → logits, D as built
    private readonly Func<Tensor, Tensor> augment;
    private readonly Func<Tensor, Tensor?, Tensor, Tensor, Tensor>? penalty;   // (real, labels, fake, fake labels) → weighted penalty

    public LatentCode Code { get; }
    public string Family => Options.Family;
    public int LatentSize => Options.LatentSize;
    public bool NeedsLabels => Options.Classes > 0;

    public ResNetGan(ResNetGanOptions options, long seed, Device device) : base(options, seed, device, BuildGenerator, BuildDiscriminator)
    {
        objective = RecipeParts.Objective(options);
        Code = new LatentCode(options.Classes, 0);
        judge = d switch
        {
            ProjectionDiscriminator p => (x, labels) => p.Judge(x, labels).Logits,
            Discriminator plain => (x, _) => plain.forward(x),
            _ => throw new InvalidOperationException(),
        };
        augment = RecipeParts.Augmentation(options, state);
        penalty = options.Penalty switch
        {
            "r1" => (real, labels, _, _) => Penalties.R1(x => Judge(x, labels), real, options.PenaltyWeight),
            "r2" => (_, _, fake, category) => Penalties.R2(x => Judge(x, category), fake, options.PenaltyWeight),
            _ => null,
        };
    }

    public static nn.Module<Tensor, Tensor> BuildGenerator(ResNetGanOptions o) =>
        new ResNetGanGenerator(o.Shape, o.LatentSize, o.Classes, o.Channels, o.SharedEmbedding, o.HierarchicalZ, o.GSpectralNorm);

    /// <summary>The plain ResNet D, inside a projection D when there are classes.</summary>
    public static nn.Module BuildDiscriminator(ResNetGanOptions o) => o.Classes == 0
        ? BuildPlainDiscriminator(o)
        : new ProjectionDiscriminator(_ => BuildPlainDiscriminator(o), o.Classes, o.Channels, o.Resolution, o.SpectralNorm);

    private static ResNetGanDiscriminator BuildPlainDiscriminator(ResNetGanOptions o) => new(o.Shape, o.Channels, o.DiscriminatorOptions);

    /// <summary>Latent vectors [z, one-hot] with uniformly random classes (just z without classes).</summary>
    public override Tensor Noise(long n, Generator generator)
    {
        var z = prior.Sample(n, Options.LatentSize, generator, device);
        if (Options.Classes == 0) return z;
        return cat(new[] { z, Code.Sample(n, generator, device).Code }, 1);
    }

    public Tensor Latent(Tensor z, Tensor category, Tensor? continuous = null) =>
        cat(new[] { z.to(device), Code.Make(category.to(device)) }, 1);

    public Tensor ClassByNoise(int columns, Generator g) => Code.ClassRows(Noise(columns, g).narrow(1, 0, Options.LatentSize));

    /// <summary>Class-conditional runs need labels below --classes.</summary>
    public override void CheckData(DataShape shape, string source)
    {
        if (NeedsLabels) RecipeParts.CheckLabels(shape, source, Options.Classes, $"--classes {Options.Classes}", " (leave --classes out, or give --labels folders)");
    }

    public override ProgressDescription Progress => RecipeParts.Progress(Options, objective);

    /// <summary>A class × noise grid with classes, a noise grid without.</summary>
    public override IProbe Probe(long seed) => Options.Classes > 0 ? Probes.ClassGrid(this, seed) : Probes.NoiseGrid(this, seed);

    public override IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => new ConvolutionCheck.Subject[]
    {
        new("generator", () => BuildGenerator(Options), g, z),
        new("discriminator", () => BuildPlainDiscriminator(Options), d is ProjectionDiscriminator p ? p.Inner : (Discriminator)d, real),
    };

    private Tensor Judge(Tensor x, Tensor? labels) => judge(augment(x), labels);

    public override StepLog Step(IBatches data, bool detailed = true)
    {
        g.train();
        d.train();
        var log = new StepLog();
        ApplyLrSchedule(log);
        for (int i = 0; i < Options.DSteps; i++)
        {
            var batch = data.Next();
            DiscriminatorStep(batch.X, NeedsLabels ? batch.RequireLabels($"--classes {Options.Classes}") : null, log, detailed);
        }
        GeneratorStep(log, detailed);
        ema?.Update(StepsDone);
        StepsDone++;
        return log;
    }

    /// <summary>G's images of fresh noise and their classes (null without classes).</summary>
    private (Tensor Fake, Tensor? Classes) Generate(long n)
    {
        var latent = Noise(n, noise);
        var classes = Options.Classes == 0 ? null : Code.CategoryOf(latent);
        return (g.forward(latent), classes);
    }

    private void DiscriminatorStep(Tensor real, Tensor? labels, StepLog log, bool detailed)
    {
        Tensor fake;
        Tensor? fakeLabels;
        using (no_grad()) (fake, fakeLabels) = Generate(real.shape[0]);
        var realLogits = Judge(real, labels);
        var fakeLogits = Judge(fake, fakeLabels);
        var lossD = objective.D(realLogits, fakeLogits);
        var total = lossD;
        if (penalty is not null)
        {
            var p = penalty(real, labels, fake, fakeLabels!);
            log["penalty"] = p.item<float>();
            total = total + p;
        }
        UpdateDiscriminator(total, lossD, log, detailed);
        log["d/real"] = objective.Report(realLogits).item<float>();
        log["d/fake"] = objective.Report(fakeLogits).item<float>();
    }

    private void GeneratorStep(StepLog log, bool detailed)
    {
        var (fake, classes) = Generate(Options.BatchSize);
        var lossG = objective.G(Judge(fake, classes));
        var total = lossG;
        if (Options.OrthogonalWeight > 0)
        {
            var ortho = OrthogonalRegularisation.Of(((ResNetGanGenerator)g).RegularisedWeights, Options.OrthogonalWeight);
            log["ortho/g"] = ortho.item<float>();
            total = total + ortho;
        }
        UpdateGenerator(total, lossG, log, detailed);
    }
}
