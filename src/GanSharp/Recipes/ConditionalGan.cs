using GanSharp.Data;
using GanSharp.Losses;
using GanSharp.Networks;
using GanSharp.Recipes.Conditional;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// GANs with a code in G's input (seeds 001, 002, 003): cGAN, projection discriminator and AC-GAN
/// condition on the data's class labels; InfoGAN invents its own categorical and continuous codes
/// and makes them recoverable from the image. G sees [z, code] (<see cref="LatentCode"/>); D is a
/// <see cref="ConditionalDiscriminator"/>; what each family adds is its <see cref="Conditioning"/>.
/// The loop is the lectures' (k D steps on fresh real batches, then one G step); the adversarial
/// loss is any <see cref="Objective"/>.
/// </summary>
public sealed class ConditionalGan : AdversarialRecipe<ConditionalOptions, ConditionalDiscriminator>, IClassConditional
{
    private readonly Objective objective;
    private readonly Conditioning conditioning;
    private readonly Func<Tensor, Tensor?, Tensor, Tensor, Tensor>? penalty;   // (real, labels, fake, category) → weighted penalty
    private readonly Func<Tensor, Tensor> augment;                              // --diff-augment, before every D input

    public LatentCode Code { get; }
    public string Family => Options.Family;
    public int LatentSize => Options.LatentSize;
    /// <summary>Whether training needs the data's labels (all but InfoGAN).</summary>
    public bool NeedsLabels => conditioning.NeedsLabels;

    public ConditionalGan(ConditionalOptions options, long seed, Device device) : base(options, seed, device, BuildGenerator, BuildDiscriminator)
    {
        conditioning = Conditioning.Named(options.Conditioning);
        Code = new LatentCode(options.Classes, conditioning.ContinuousCodes(options));
        objective = RecipeParts.Objective(options);
        augment = RecipeParts.Augmentation(options, state);
        // Zero-centred gradient penalties of D's adversarial logit with respect to the image; the labels are held fixed.
        penalty = options.Penalty switch
        {
            "r1" => (real, labels, _, _) => Penalties.R1(x => Judge(x, labels).Logits, real, options.PenaltyWeight),
            "r2" => (_, _, fake, category) => Penalties.R2(x => Judge(x, category).Logits, fake, options.PenaltyWeight),
            _ => null,
        };
    }

    /// <summary>The plain generator of the options, with z widened by the code.</summary>
    public static nn.Module<Tensor, Tensor> BuildGenerator(ConditionalOptions o) =>
        Gan.BuildGenerator(o with { LatentSize = o.LatentSize + o.Classes + Conditioning.Named(o.Conditioning).ContinuousCodes(o) });

    public static ConditionalDiscriminator BuildDiscriminator(ConditionalOptions o) =>
        Conditioning.Named(o.Conditioning).BuildDiscriminator(o, channels => Gan.BuildDiscriminator(o with { Channels = channels }));

    /// <summary>Latent vectors [z, code] with random classes (and continuous codes), from the given generator.</summary>
    public override Tensor Noise(long n, Generator generator)
    {
        var z = prior.Sample(n, Options.LatentSize, generator, device);
        var (code, _, _) = Code.Sample(n, generator, device);
        return cat(new[] { z, code }, 1);
    }

    /// <summary>Latent vectors [z, code] for chosen classes (N) and continuous codes (N, C) or zeros.</summary>
    public Tensor Latent(Tensor z, Tensor category, Tensor? continuous = null) =>
        cat(new[] { z.to(device), Code.Make(category.to(device), continuous?.to(device)) }, 1);

    /// <summary>Label conditioning needs labels, each below the number of classes; InfoGAN needs none.</summary>
    public override void CheckData(DataShape shape, string source)
    {
        if (NeedsLabels) RecipeParts.CheckLabels(shape, source, Options.Classes, $"--conditioning {Options.Conditioning}");
    }

    public override ProgressDescription Progress => RecipeParts.Progress(Options, objective);

    /// <summary>A class × noise grid: one row per class, the same z down each column.</summary>
    public override IProbe Probe(long seed) => Probes.ClassGrid(this, seed);

    public Tensor ClassByNoise(int columns, Generator g) => Code.ClassRows(Noise(columns, g).narrow(1, 0, Options.LatentSize));

    public override IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => new ConvolutionCheck.Subject[]
    {
        new("generator", () => BuildGenerator(Options), g, z),
        new("discriminator", () => BuildDiscriminator(Options).Inner, d.Inner, d.InnerInput(real, zeros(real.shape[0], dtype: ScalarType.Int64, device: real.device))),
    };

    public override StepLog Step(IBatches data, bool detailed = true)
    {
        g.train();
        d.train();
        var log = new StepLog();
        ApplyLrSchedule(log);
        for (int i = 0; i < Options.DSteps; i++)
        {
            var batch = data.Next();
            var labels = NeedsLabels ? batch.RequireLabels($"--conditioning {Options.Conditioning}") : null;
            DiscriminatorStep(batch.X, labels, log, detailed);
        }
        GeneratorStep(log, detailed);
        ema?.Update(StepsDone);
        StepsDone++;
        return log;
    }

    /// <summary>A batch of codes and the images G makes of them.</summary>
    private (Tensor Fake, Tensor Category, Tensor Continuous) Generate(long n)
    {
        var z = prior.Sample(n, Options.LatentSize, noise, device);
        var (code, category, continuous) = Code.Sample(n, noise, device);
        return (g.forward(cat(new[] { z, code }, 1)), category, continuous);
    }

    /// <summary>What D makes of images (augmented when asked) with their labels or codes.</summary>
    private (Tensor Logits, Tensor? Auxiliary) Judge(Tensor x, Tensor? labels) => d.Judge(augment(x), labels);

    private void DiscriminatorStep(Tensor real, Tensor? labels, StepLog log, bool detailed)
    {
        Tensor fake, category, continuous;
        using (no_grad()) (fake, category, continuous) = Generate(real.shape[0]);
        var (realLogits, realAux) = Judge(real, labels);
        var (fakeLogits, fakeAux) = Judge(fake, category);
        var lossD = objective.D(realLogits, fakeLogits);
        var total = lossD;
        if (conditioning.DiscriminatorTerm(Options, new Judged(realAux, labels), new Judged(fakeAux, category, continuous), log) is { } term)
            total = total + term;
        if (penalty is not null)
        {
            var p = penalty(real, labels, fake, category);
            log["penalty"] = p.item<float>();
            total = total + p;
        }
        UpdateDiscriminator(total, lossD, log, detailed);
        log["d/real"] = objective.Report(realLogits).item<float>();
        log["d/fake"] = objective.Report(fakeLogits).item<float>();
    }

    private void GeneratorStep(StepLog log, bool detailed)
    {
        var (fake, category, continuous) = Generate(Options.BatchSize);
        var (logits, aux) = Judge(fake, category);
        var lossG = objective.G(logits);
        var total = lossG;
        if (conditioning.GeneratorTerm(Options, new Judged(aux, category, continuous), log) is { } term)
            total = total + term;
        UpdateGenerator(total, lossG, log, detailed);
    }
}
