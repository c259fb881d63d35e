using GanSharp.Data;
using GanSharp.Recipes.Options;

namespace GanSharp.Recipes.ImageToImage;

/// <summary>
/// pix2pix (Isola et al. 2017; seed 004): a U-Net G, a 70×70 PatchGAN D on (input, output) pairs,
/// BCE loss plus λ·L1 (λ = 100), D's loss halved, Adam 2e-4 β (0.5, 0.999), the initial rate for
/// the first half of the run then linear decay to 0. Scaled for a CPU: 64×64 (the paper: 256),
/// width 32 (64), batches of 16 (1), batch norm as the paper.
/// </summary>
public sealed record Pix2PixOptions : PatchTranslationOptions
{
    [NotAFlag]
    public override string Networks { get; init; } = "unet";

    [Flag("λ: weight of the L1 distance between output and target in G's loss (the paper: 100)")]
    public double L1Weight { get; init; } = 100;

    [Flag("no dropout in the U-Net's inner decoder layers (the paper's noise)")]
    public bool NoDropout { get; init; }

    [Flag("train G on λ·L1 alone, without D: the paper's L1 baseline")]
    public bool L1Only { get; init; }

    public override FamilyOptions WithShapes(DataShape input, DataShape target)
    {
        if (!input.Size.SequenceEqual(target.Size))
            throw new GanSharpException($"pix2pix translates images of one size; the inputs are {input} and the targets {target} (low-res pairs are for super-resolution)");
        return this with { InputChannels = input.Channels, Channels = target.Channels };
    }

    public override void Validate()
    {
        base.Validate();
        GanSharp.Networks.UNetGenerator.Depth(Resolution);
        Check.NonNegative(L1Weight, "--l1-weight");
    }
}
