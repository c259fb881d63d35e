using System.Text.Json.Serialization;
using GanSharp.Recipes.Options;

namespace GanSharp.Recipes.Text;

/// <summary>
/// Options of StackGAN (Zhang et al. 2017; seeds 001, 004): text-to-image in two stages. Stage I
/// draws a rough image from z and the description's conditioning augmentation c; stage II, trained
/// from a finished stage-I run whose generator it keeps frozen, redraws that image at twice the
/// side with the description again. Both have matching-aware discriminators and the KL term on c.
/// The text encoder is a <see cref="Features.TextMatcher"/>'s, pretrained on the folder's
/// descriptions and frozen (the paper's was Reed et al.'s char-CNN-RNN, pretrained the same way).
/// </summary>
public sealed record StackGanOptions : ClassifierGanOptions
{
    [NotAFlag]
    public override string Networks { get; init; } = "stackgan";

    [Flag("1: stage I draws --resolution images from z and the text; 2: stage II refines the images of a finished stage-I run (--stage-one) to twice its side")]
    public int Stage { get; init; } = 1;

    [Flag("stage II: the finished stage-I run (its last checkpoint) whose generator, frozen, draws the images stage II refines")]
    public string? StageOne { get; init; }

    [Flag("size of c, the conditioning augmentation's sample (the paper: 128)")]
    public int ConditionSize { get; init; } = 128;

    [Flag("weight of KL(N(μ, σ²) ‖ N(0, I)) in G's loss, per dimension (the reference: 2)")]
    public double KlWeight { get; init; } = 2;

    [Flag("stage II: residual blocks after the text joins the encoded image (the paper: 4 at 256×256)")]
    public int ResidualBlocks { get; init; } = 2;

    [Flag("text matcher whose text encoder (frozen) embeds the descriptions (unset: the one gan text train made for the run's folder at stage I's side; stage II takes its stage-I run's)")]
    public string? TextMatcher { get; init; }

    /// <summary>SHA-256 of the text matcher's weights when the run started: a changed file is refused, as its embeddings would mean something else.</summary>
    public string? TextMatcherSha256 { get; init; }

    /// <summary>The side of the images stage I draws: the resolution, or half of it in stage II.</summary>
    [JsonIgnore]
    public int StageOneSide => Stage == 1 ? Resolution : Resolution / 2;

    /// <summary>Stage I at 32×32 for a CPU with DCGAN's Adam 2e-4 β (0.5, 0.999), batch 64; width 32 (the paper: 64×64, ngf 128).</summary>
    public static StackGanOptions Defaults { get; } = new() { Family = "stackgan", Resolution = 32, Width = 32, LatentSize = 100 };

    public override void Validate()
    {
        if (Networks != "stackgan") throw new GanSharpException($"{Family} builds its own networks; its networks must be stackgan, not {Networks}");
        base.Validate();
        if (Stage is not (1 or 2)) throw new GanSharpException($"--stage must be 1 or 2, got {Stage}");
        if (Stage == 2 && StageOne is null) throw new GanSharpException("--stage 2 trains from a finished stage-I run: give it as --stage-one RUN");
        if (Stage == 1 && StageOne is not null) throw new GanSharpException($"--stage-one {StageOne} is for --stage 2; stage I draws from z and the text alone");
        if (Stage == 2 && Resolution % 2 != 0) throw new GanSharpException($"stage II draws twice stage I's side: --resolution {Resolution} is odd");
        if (!GanSharp.Networks.StackGanBlocks.Doubles(4, StageOneSide))               // so stage I's side is 8 or more, a multiple of 4 as stage II's encoder needs
            throw new GanSharpException(Stage == 1 ? $"--resolution {Resolution} is not 4·2^k with k ≥ 1 (stage I's networks double from 4×4)"
                : $"--resolution {Resolution}: stage I would draw {StageOneSide}×{StageOneSide}, which is not 4·2^k with k ≥ 1");
        Check.Positive(ConditionSize, "--condition-size");
        if (!(KlWeight >= 0) || double.IsInfinity(KlWeight)) throw new GanSharpException($"--kl-weight must be a number ≥ 0, got {KlWeight}");
        if (ResidualBlocks < 0) throw new GanSharpException($"--residual-blocks must be ≥ 0, got {ResidualBlocks}");
        if (DSteps != 1) throw new GanSharpException($"{Family} takes one D step per G step (--d-steps 1), not {DSteps}");
        if (Penalty != "none") throw new GanSharpException($"{Family} has no D penalty (--penalty none), not {Penalty}");
        if (EmaDecay is not null) throw new GanSharpException($"{Family} samples from its generator itself; --ema-decay is not supported");
    }
}
