using System.Text.Json.Serialization;
using GanSharp.Data;
using GanSharp.Recipes.Options;

namespace GanSharp.Recipes.ImageToImage;

/// <summary>
/// SRGAN (Ledig et al. 2017; seed 004): an SRResNet G trained first on the pixels' MSE alone (the
/// SRResNet phase), then against a VGG-style D with content loss + 10⁻³ · BCE; Adam 1e-4 β
/// (0.9, 0.999), the GAN phase's second half at a tenth of the rate. The paper's content loss is
/// in VGG19's features, which cannot be had here: the default compares the maps of a feature
/// network GanSharp trained on the data itself (<c>gan features train</c>). Scaled for a CPU: 16 → 64
/// (the paper: 24 → 96 crops), width 32 (64), 8 residual blocks (16), batches of 16 as the paper.
/// </summary>
public sealed record SrganOptions : TranslationOptions, IFeatureLossOptions
{
    [NotAFlag]
    public override string Networks { get; init; } = "srresnet";

    /// <summary>Target side / input side, taken from the data (low-res-4 pairs: 4).</summary>
    public int Factor { get; init; } = 4;

    [Flag("residual blocks of SRResNet (the paper: 16)")]
    public int ResidualBlocks { get; init; } = 8;

    [Flag("share of the run in the SRResNet phase, G on the pixels' MSE alone, before D joins (the paper: 10⁶ of 1.2·10⁶ updates)")]
    public double Pretrain { get; init; } = 0.5;

    [Flag("content loss of the GAN phase: features (MSE of a feature network's maps, the paper's VGG loss with GanSharp's own network) or pixel (MSE of the pixels, the paper's SRGAN-MSE)", Choices = new[] { "features", "pixel" })]
    public string Content { get; init; } = "features";

    [Flag("weight of the content loss (the paper scales its VGG loss by 1/12.75 ≈ 0.078 to meet the pixels' MSE; see docs/srgan.md for this one)")]
    public double ContentWeight { get; init; } = 1;

    [Flag("weight of the adversarial loss −log D(G(x)) (the paper: 10⁻³)")]
    public double AdversarialWeight { get; init; } = 1e-3;

    [Flag("feature network of the content loss (unset: the one trained for the run's image folder at its channels and side; Fashion-MNIST's embedded one at 28×28)")]
    public string? ContentFeatures { get; init; }

    [JsonIgnore]
    public override string Schedule => "pretrain-then-step";

    [JsonIgnore]
    public bool NeedsFeatureNetwork => Content == "features";

    [JsonIgnore]
    public string? FeatureNetworkPath => ContentFeatures;

    public FamilyOptions WithFeatureNetwork(string path) => this with { ContentFeatures = path };

    public override FamilyOptions WithShapes(DataShape input, DataShape target)
    {
        int factor = target.Size[0] / Math.Max(1, input.Size[0]);
        if (factor is not (2 or 4 or 8) || !target.Size.SequenceEqual(input.Size.Select(s => s * factor)))
            throw new GanSharpException($"SRGAN upsamples by 2, 4 or 8: the inputs are {input} and the targets {target}; make pairs with --pairs low-res-4 (or low-res-2)");
        if (input.Channels != target.Channels)
            throw new GanSharpException($"SRGAN keeps the channels: the inputs have {input.Channels} and the targets {target.Channels}");
        return this with { InputChannels = input.Channels, Channels = target.Channels, Factor = factor };
    }

    public override void Validate()
    {
        base.Validate();
        if (Factor is not (2 or 4 or 8)) throw new GanSharpException($"SRGAN's factor must be 2, 4 or 8, got {Factor}");
        if (Resolution % Factor != 0 || Resolution / Factor < 4) throw new GanSharpException($"--resolution {Resolution} must be a multiple of the factor {Factor} that leaves inputs of at least 4×4");
        if (ResidualBlocks < 0) throw new GanSharpException($"--residual-blocks must be ≥ 0, got {ResidualBlocks}");
        if (Pretrain is < 0 or >= 1) throw new GanSharpException($"--pretrain must be in [0, 1), got {Pretrain}");
        Check.OneOf(this, nameof(Content), Content);
        Check.NonNegative(ContentWeight, "--content-weight");
        Check.NonNegative(AdversarialWeight, "--adversarial-weight");
    }
}
