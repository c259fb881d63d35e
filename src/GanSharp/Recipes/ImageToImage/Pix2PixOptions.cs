using System.Text.Json.Serialization;
using GanSharp.Data;
using GanSharp.Recipes.Options;

namespace GanSharp.Recipes.ImageToImage;

/// <summary>What the families that translate (input, target) pairs take from the data: the input's channels beside the target's.</summary>
public interface IPairedOptions
{
    /// <summary>Channels of the inputs X (the target's are <see cref="FamilyOptions.Channels"/>).</summary>
    int InputChannels { get; }

    /// <summary>The options with the channels of the data's inputs and targets.</summary>
    FamilyOptions WithShapes(DataShape input, DataShape target);
}

/// <summary>
/// pix2pix (Isola et al. 2017; seed 004): a U-Net G, a 70×70 PatchGAN D on (input, output) pairs,
/// BCE loss plus λ·L1 (λ = 100), D's loss halved, Adam 2e-4 β (0.5, 0.999), the initial rate for
/// the first half of the run then linear decay to 0. Scaled for a CPU: 64×64 (the paper: 256),
/// width 32 (64), batches of 16 (1), batch norm as the paper.
/// </summary>
public sealed record Pix2PixOptions : FamilyOptions, IPairedOptions
{
    [NotAFlag]
    public override string Networks { get; init; } = "unet";

    [NotAFlag]
    public override int LatentSize { get; init; } = 100;

    [NotAFlag]
    public override string Prior { get; init; } = "normal";

    [NotAFlag]
    public override int DSteps { get; init; } = 1;

    [NotAFlag]
    public override double? EmaDecay { get; init; }

    /// <summary>Channels of the inputs, taken from the data when the run is assembled.</summary>
    public int InputChannels { get; init; } = 1;

    [Flag("λ: weight of the L1 distance between output and target in G's loss (the paper: 100)")]
    public double L1Weight { get; init; } = 100;

    [Flag("normalisation in G and D: batch (pix2pix) or instance (CycleGAN's)", Choices = new[] { "batch", "instance" })]
    public string Norm { get; init; } = "batch";

    [Flag("strided layers of the PatchGAN: 3 sees 70×70 patches (1: 16×16, 2: 34×34, 4: 142×142)")]
    public int DLayers { get; init; } = 3;

    [Flag("no dropout in the U-Net's inner decoder layers (the paper's noise)")]
    public bool NoDropout { get; init; }

    [Flag("train G on λ·L1 alone, without D: the paper's L1 baseline")]
    public bool L1Only { get; init; }

    [Flag("share of the run at the initial learning rate before it decays linearly to 0 (the paper: 100 of 200 epochs)")]
    public double DecayFrom { get; init; } = 0.5;

    [JsonIgnore]
    public override bool TrainsOnPairs => true;

    [JsonIgnore]
    public override string Schedule => "constant-then-linear";

    public FamilyOptions WithShapes(DataShape input, DataShape target)
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
        Check.OneOf(this, nameof(Norm), Norm);
        Check.Positive(DLayers, "--d-layers");
        if (DecayFrom is < 0 or >= 1) throw new GanSharpException($"--decay-from must be in [0, 1), got {DecayFrom}");
    }
}
