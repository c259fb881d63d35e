using GanSharp.Data;
using GanSharp.Losses;
using GanSharp.Networks;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// GANs with a code in G's input (seeds 001, 002, 003): cGAN, projection discriminator and AC-GAN
/// condition on the data's class labels; InfoGAN invents its own categorical and continuous codes
/// and makes them recoverable from the image. G sees [z, code] (<see cref="LatentCode"/>); D is a
/// <see cref="ConditionalDiscriminator"/>. The loop is the lectures' (k D steps on fresh real
/// batches, then one G step); the adversarial loss is any <see cref="Objective"/>.
/// </summary>
public sealed class ConditionalGan : AdversarialRecipe<ConditionalOptions, ConditionalDiscriminator>
{
    private readonly Objective objective;

    public LatentCode Code { get; }
    /// <summary>Whether D is given the labels of its images (concat, projection); AC-GAN's D predicts them instead.</summary>
    private bool DSeesLabels => Options.Conditioning is "concat" or "projection";
    /// <summary>Whether training needs the data's labels (all but InfoGAN).</summary>
    public bool NeedsLabels => Options.Conditioning != "infogan";

    public ConditionalGan(ConditionalOptions options, long seed, Device device) : base(options, seed, device, BuildGenerator, BuildDiscriminator)
    {
        Code = new LatentCode(options.Classes, options.Conditioning == "infogan" ? options.InfoContinuous : 0);
        objective = Objective.Named(options.Loss).WithRealTarget(options.RealLabel);
    }

    /// <summary>The plain generator of the options, with z widened by the code.</summary>
    public static nn.Module<Tensor, Tensor> BuildGenerator(ConditionalOptions o) =>
        Gan.BuildGenerator(o with { LatentSize = o.LatentSize + o.Classes + (o.Conditioning == "infogan" ? o.InfoContinuous : 0) });

    public static ConditionalDiscriminator BuildDiscriminator(ConditionalOptions o) =>
        new(o.Conditioning, o.Classes, o.Channels, o.Resolution, channels => Gan.BuildDiscriminator(o with { Channels = channels }),
            o.SpectralNorm, o.Classes + o.InfoContinuous);

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
        if (!NeedsLabels) return;
        if (shape.Classes == 0)
            throw new GanSharpException($"--conditioning {Options.Conditioning} trains on labelled images; {source} has no class labels");
        if (shape.Classes > Options.Classes)
            throw new GanSharpException($"the labels of {source} go up to {shape.Classes - 1}, but --classes is {Options.Classes}");
    }

    public override ProgressDescription Progress => new($"{Options.Family}, {Options.Loss} loss, k = {Options.DSteps}", objective.Probabilistic);

    /// <summary>A class × noise grid: one row per class, the same z down each column.</summary>
    public override IProbe Probe(long seed) => Probes.Latents(this, seed, g => ClassByNoise(ProbeColumns, g), images => new ImagePanel(images, ProbeColumns));

    private const int ProbeColumns = 8;

    /// <summary>Latents whose rows are classes 0..K−1 and whose columns share the same <paramref name="columns"/> noise vectors.</summary>
    public Tensor ClassByNoise(int columns, Generator g)
    {
        int k = Options.Classes;
        var z = Noise(columns, g).narrow(1, 0, Options.LatentSize);   // (columns, L)
        var zs = z.repeat(k, 1);                                       // row r: the same z
        var classes = arange(k, dtype: ScalarType.Int64).repeat_interleave(columns);
        return Latent(zs, classes);
    }

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
        ema?.Update();
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

    private void DiscriminatorStep(Tensor real, Tensor? labels, StepLog log, bool detailed)
    {
        Tensor fake, category, continuous;
        using (no_grad()) (fake, category, continuous) = Generate(real.shape[0]);
        var (realLogits, realAux) = d.Judge(real, DSeesLabels ? labels : null);
        var (fakeLogits, fakeAux) = d.Judge(fake, DSeesLabels ? category : null);
        var lossD = objective.D(realLogits, fakeLogits);
        var total = lossD;
        if (Options.Conditioning == "acgan")
        {
            var lossClass = AuxiliaryLosses.ClassLoss(realAux!, labels!) + AuxiliaryLosses.ClassLoss(fakeAux!, category);
            total = total + lossClass;
            log["loss/class_d"] = lossClass.item<float>();
            log["d/class_accuracy"] = realAux!.argmax(1).eq(labels!).to_type(ScalarType.Float32).mean().item<float>();
        }
        else if (Options.Conditioning == "infogan")
        {
            var lossInfo = AuxiliaryLosses.MutualInformation(fakeAux!, category, continuous, Options.Classes);
            total = total + Options.InfoWeight * lossInfo;
            log["loss/info"] = lossInfo.item<float>();
        }
        if (Options.Penalty is "r1" or "r2")
        {
            // Zero-centred gradient penalty of D's adversarial logit with respect to the image; the labels are held fixed.
            var p = Options.Penalty == "r1"
                ? Penalties.R1(x => d.Judge(x, DSeesLabels ? labels : null).Logits, real, Options.PenaltyWeight)
                : Penalties.R2(x => d.Judge(x, DSeesLabels ? category : null).Logits, fake, Options.PenaltyWeight);
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
        var (logits, aux) = d.Judge(fake, DSeesLabels ? category : null);
        var lossG = objective.G(logits);
        var total = lossG;
        if (Options.Conditioning == "acgan")
        {
            var lossClass = AuxiliaryLosses.ClassLoss(aux!, category);
            total = total + lossClass;
            log["loss/class_g"] = lossClass.item<float>();
        }
        else if (Options.Conditioning == "infogan")
        {
            var lossInfo = AuxiliaryLosses.MutualInformation(aux!, category, continuous, Options.Classes);
            total = total + Options.InfoWeight * lossInfo;
            log["info/category_accuracy"] = aux!.narrow(1, 0, Options.Classes).argmax(1).eq(category).to_type(ScalarType.Float32).mean().item<float>();
        }
        UpdateGenerator(total, lossG, log, detailed);
    }
}
