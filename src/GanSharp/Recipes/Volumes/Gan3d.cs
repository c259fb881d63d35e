using GanSharp.Data;
using GanSharp.Networks;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Recipes.Volumes;

/// <summary>
/// 3D-GAN (Wu et al. 2016; the book's chapter 2, seed 004): G draws occupancy grids from z, D
/// tells them from real shapes; binary cross-entropy for both, G's non-saturating. D's update is
/// skipped on a step where it already tells the batch apart well (accuracy over the real and the
/// generated shapes at or above --d-accuracy, the paper's 80 %), so the slow generator of
/// volumes is not left behind; d/accuracy and d/skipped are logged. With --classes K, conditional on
/// the shape class as in a cGAN (Mirza and Osindero 2014): G reads [z, one-hot class], D reads the
/// one-hot class as K constant volumes behind the grid.
/// </summary>
public sealed class Gan3d : AdversarialRecipe<Gan3dOptions, Voxel3dDiscriminator>, IClassConditional
{
    public Gan3d(Gan3dOptions options, long seed, Device device)
        : base(options, seed, device, BuildGenerator, BuildDiscriminator)
    {
        Code = new LatentCode(options.Classes, 0);
    }

    private static Voxel3dGenerator BuildGenerator(Gan3dOptions o) => new(o.LatentSize + o.Classes, o.Resolution, o.Width);

    private static Voxel3dDiscriminator BuildDiscriminator(Gan3dOptions o) => new(o.Resolution, o.Width, 1 + o.Classes);

    public LatentCode Code { get; }
    public string Family => Options.Family;
    public int LatentSize => Options.LatentSize;
    public bool NeedsLabels => Options.Classes > 0;

    public override ProgressDescription Progress => new($"3D-GAN{(NeedsLabels ? $" on {Options.Classes} classes" : "")}, BCE, D updated while its accuracy < {Options.DAccuracy:P0}", OutputsAreProbabilities: true);

    /// <summary>32 shapes of fixed noise; conditional runs: a class grid, one row per class.</summary>
    public override IProbe Probe(long seed) => NeedsLabels
        ? Probes.Latents(this, seed, g => ClassByNoise(8, g), grids => new VolumePanel(grids, 8))
        : Probes.Latents(this, seed, g => Noise(32, g), grids => new VolumePanel(grids, 8));

    /// <summary>z, followed by a uniformly random one-hot class in conditional runs.</summary>
    public override Tensor Noise(long n, Generator generator)
    {
        var z = prior.Sample(n, Options.LatentSize, generator, device);
        return NeedsLabels ? cat(new[] { z, Code.Sample(n, generator, device).Code }, 1) : z;
    }

    public Tensor Latent(Tensor z, Tensor category, Tensor? continuous = null) => cat(new[] { z.to(device), Code.Make(category.to(device)) }, 1);

    public Tensor ClassByNoise(int columns, Generator g) => Code.ClassRows(prior.Sample(columns, Options.LatentSize, g, device));

    public override void CheckData(DataShape shape, string source)
    {
        if (shape.Modality != Modality.Voxels) throw new GanSharpException($"gan3d trains on voxel grids (--data shapes); {source} holds {shape}");
        if (NeedsLabels) RecipeParts.CheckLabels(shape, source, Options.Classes, $"--classes {Options.Classes}");
    }

    public override IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => new ConvolutionCheck.Subject[]
    {
        new("generator", () => BuildGenerator(Options), g, z),
        new("discriminator", () => BuildDiscriminator(Options), d, WithClasses(real, NeedsLabels ? zeros(real.shape[0], Options.Classes, device: real.device) : null)),
    };

    /// <summary>Grids with the one-hot classes (N, K) as K constant volumes behind them (cGAN's input conditioning); the grids alone when unconditional.</summary>
    private static Tensor WithClasses(Tensor grids, Tensor? oneHot)
    {
        if (oneHot is null) return grids;
        long s = grids.shape[^1];
        return cat(new[] { grids, oneHot.view(oneHot.shape[0], oneHot.shape[1], 1, 1, 1).expand(-1, -1, s, s, s) }, 1);
    }

    public override StepLog Step(IBatches data, bool detailed = true)
    {
        g.train();
        d.train();
        var log = new StepLog();
        var batch = data.Next();
        var real = batch.X;                                         // (B, 1, R, R, R) in [0, 1]
        var realCode = NeedsLabels ? Code.Make(batch.RequireLabels($"--classes {Options.Classes}")) : null;
        var z = Noise(real.shape[0], noise);
        var fakeCode = NeedsLabels ? z.narrow(1, Options.LatentSize, Options.Classes) : null;
        Tensor fake;
        using (no_grad()) fake = g.forward(z);
        DiscriminatorStep(WithClasses(real, realCode), WithClasses(fake, fakeCode), log, detailed);
        var fakeLogits = d.forward(WithClasses(g.forward(z), fakeCode));   // G's step on the same z, through the D just trained (or left)
        var lossG = binary_cross_entropy_with_logits(fakeLogits, ones_like(fakeLogits));
        UpdateGenerator(lossG, lossG, log, detailed);
        ema?.Update(StepsDone);
        StepsDone++;
        return log;
    }

    private void DiscriminatorStep(Tensor real, Tensor fake, StepLog log, bool detailed)
    {
        var realLogits = d.forward(real);
        var fakeLogits = d.forward(fake);
        var lossD = binary_cross_entropy_with_logits(realLogits, ones_like(realLogits)) + binary_cross_entropy_with_logits(fakeLogits, zeros_like(fakeLogits));
        double accuracy = Accuracy(realLogits, fakeLogits);
        log["d/real"] = realLogits.sigmoid().mean().item<float>();
        log["d/fake"] = fakeLogits.sigmoid().mean().item<float>();
        log["d/accuracy"] = accuracy;
        bool skip = accuracy >= Options.DAccuracy;
        log["d/skipped"] = skip ? 1 : 0;
        if (skip)
        {
            log["loss/d"] = lossD.item<float>();
            return;
        }
        UpdateDiscriminator(lossD, lossD, log, detailed);
    }

    /// <summary>The share of the step's shapes D puts on the right side of 0: real ones above, generated ones below.</summary>
    public static double Accuracy(Tensor realLogits, Tensor fakeLogits)
    {
        using var _ = no_grad();
        long right = (realLogits > 0).sum().item<long>() + (fakeLogits < 0).sum().item<long>();
        return (double)right / (realLogits.shape[0] + fakeLogits.shape[0]);
    }
}
