using System.Text.Json.Serialization;
using GanSharp.Networks;
using GanSharp.Recipes.Options;

namespace GanSharp.Recipes.Modern;

/// <summary>
/// Options of StyleGAN2 (Karras et al. 2020; seed 002): a mapping network z → w, a synthesis network
/// of modulated convolutions from a constant input with skip toRGB outputs, a residual D; the
/// non-saturating logistic loss with lazy R1 (every 16 D steps, weighted by 16); style mixing;
/// optional path-length regularisation; the EMA of G. The paper's networks have w of 512, 8 mapping
/// layers and up to 512 channels; ours are sized for a CPU at 32×32 with StyleGAN2-ADA's CIFAR-10
/// setting (<see cref="Defaults"/>).
/// </summary>
public sealed record StyleGanOptions : ClassifierGanOptions
{
    [NotAFlag]
    public override string Networks { get; init; } = "stylegan";

    [Flag("D's architecture: resnet (StyleGAN2's, pooled 1×1 skips beside each stage) or orig (no skips; StyleGAN2-ADA's CIFAR-10 setting)", ChoicesType = typeof(StyleGanDiscriminator), ChoicesFrom = nameof(StyleGanDiscriminator.Architectures))]
    public string DArchitecture { get; init; } = "orig";

    [Flag("samples per group of D's minibatch standard deviation (StyleGAN2: 4; StyleGAN2-ADA's CIFAR-10 setting: 32)")]
    public int StddevGroup { get; init; } = 32;

    [Flag("size of w, the mapping network's output and every layer's style (the paper: 512)")]
    public int StyleSize { get; init; } = 128;

    [Flag("layers of the mapping network z → w (the paper: 8; StyleGAN2-ADA's CIFAR-10 setting: 2)")]
    public int MappingDepth { get; init; } = 2;

    [Flag("learning-rate multiplier of the mapping network (the paper: 0.01, so W changes slowly)")]
    public double MappingLr { get; init; } = 0.01;

    [Flag("upper bound on the channels of any layer (they double from --width at the resolution towards 4×4)")]
    public int MaxChannels { get; init; } = 128;

    [Flag("probability that a training batch mixes two w at a random layer (style-mixing regularisation; the paper: 0.9, StyleGAN2-ADA's CIFAR-10 setting: 0)")]
    public double StyleMixing { get; init; }

    [Flag("lazy regularisation: R1 every this many D steps, weighted by as many (the paper: 16; 1 = every step)", Name = "--r1-every")]
    public int R1Every { get; init; } = 16;

    [Flag("weight of path-length regularisation of G (the paper: 2); 0 = off")]
    public double PathLengthWeight { get; init; }

    [Flag("lazy regularisation: the path-length term every this many G steps, weighted by as many (the paper: 4)")]
    public int PathLengthEvery { get; init; } = 4;

    [Flag("β of the running mean of w that truncation pulls towards (the paper: 0.995)")]
    public double WAverageDecay { get; init; } = 0.995;

    [JsonIgnore]
    public ProGanShape Shape => new(Resolution, Width, MaxChannels);

    /// <summary>
    /// StyleGAN2-ADA's CIFAR-10 setting (its 32×32 one: mapping depth 2, no style mixing, no path-length
    /// term, D without skips, minibatch stddev over groups of 32, Adam 2.5e-3 β (0, 0.99), R1 γ 0.01) on
    /// networks sized for a CPU; EMA 0.999 with StyleGAN2-ADA's rampup 0.05, so in a run of a few thousand
    /// steps the average's half-life is 5% of the steps taken and it does not lag into blur.
    /// </summary>
    public static StyleGanOptions Defaults { get; } = new()
    {
        Family = "stylegan", Resolution = 32, Width = 32, LatentSize = 128, BatchSize = 32, Loss = "non-saturating", Penalty = "r1", PenaltyWeight = 0.01,
        DNorm = "none", LrG = 2.5e-3, LrD = 2.5e-3, Beta1 = 0, Beta2 = 0.99, EmaDecay = 0.999, EmaRampup = 0.05,
    };

    public override void Validate()
    {
        if (Networks != "stylegan") throw new GanSharpException($"{Family} has its own networks; its networks must be stylegan, not {Networks}");
        base.Validate();
        _ = Shape.Last;
        Check.Positive(StyleSize, "--style-size");
        Check.Positive(MappingDepth, "--mapping-depth");
        if (!(MappingLr > 0)) throw new GanSharpException($"--mapping-lr must be positive, got {MappingLr}");
        ModernOptionChecks.Channels(Width, MaxChannels);
        if (StyleMixing is < 0 or > 1) throw new GanSharpException($"--style-mixing is a probability in [0, 1], got {StyleMixing}");
        Check.Positive(R1Every, "--r1-every");
        Check.Positive(StddevGroup, "--stddev-group");
        if (!StyleGanDiscriminator.Architectures.Contains(DArchitecture)) throw new GanSharpException($"--d-architecture is one of {string.Join(", ", StyleGanDiscriminator.Architectures)}, not {DArchitecture}");
        Check.NonNegative(PathLengthWeight, "--path-length-weight");
        Check.Positive(PathLengthEvery, "--path-length-every");
        if (WAverageDecay is < 0 or >= 1) throw new GanSharpException($"--w-average-decay must be in [0, 1), got {WAverageDecay}");
        if (Penalty is not ("r1" or "none")) throw new GanSharpException($"{Family} takes --penalty r1 (the paper's, lazily every --r1-every D steps) or none, not {Penalty}");
        ModernOptionChecks.OwnDiscriminator(this, "StyleGAN2");
    }
}
