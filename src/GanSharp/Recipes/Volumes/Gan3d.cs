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
/// volumes is not left behind; d/accuracy and d/skipped are logged.
/// </summary>
public sealed class Gan3d : AdversarialRecipe<Gan3dOptions, Voxel3dDiscriminator>
{
    public Gan3d(Gan3dOptions options, long seed, Device device)
        : base(options, seed, device, o => new Voxel3dGenerator(o.LatentSize, o.Resolution, o.Width), o => new Voxel3dDiscriminator(o.Resolution, o.Width)) { }

    public override ProgressDescription Progress => new($"3D-GAN, BCE, D updated while its accuracy < {Options.DAccuracy:P0}", OutputsAreProbabilities: true);

    public override IProbe Probe(long seed) => Probes.Latents(this, seed, g => Noise(32, g), grids => new VolumePanel(grids, 8));

    public override void CheckData(DataShape shape, string source)
    {
        if (shape.Modality != Modality.Voxels) throw new GanSharpException($"gan3d trains on voxel grids (--data shapes); {source} holds {shape}");
    }

    public override IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => new ConvolutionCheck.Subject[]
    {
        new("generator", () => new Voxel3dGenerator(Options.LatentSize, Options.Resolution, Options.Width), g, z),
        new("discriminator", () => new Voxel3dDiscriminator(Options.Resolution, Options.Width), d, real),
    };

    public override StepLog Step(IBatches data, bool detailed = true)
    {
        g.train();
        d.train();
        var log = new StepLog();
        var real = data.Next().X;                                   // (B, 1, R, R, R) in [0, 1]
        var z = Noise(real.shape[0], noise);
        Tensor fake;
        using (no_grad()) fake = g.forward(z);
        DiscriminatorStep(real, fake, log, detailed);
        var fakeLogits = d.forward(g.forward(z));                   // G's step on the same z, through the D just trained (or left)
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
