using System.Text.Json.Serialization;
using GanSharp.Recipes.Options;

namespace GanSharp.Recipes.Pyramid;

/// <summary>
/// Options of LAPGAN (Denton et al. 2015; seed 001): fully connected networks at the coarsest side, then one
/// conditional GAN per level of the Laplacian pyramid up to the resolution, each drawing the
/// residual of its level given the upsampled coarser image. The paper's CIFAR-10 model starts at
/// 8×8 and has two levels (16, 32); ours has the same levels, level networks of its sizes (3×3 instead of 5×5 kernels).
/// </summary>
public sealed record LapGanOptions : ClassifierGanOptions
{
    /// <summary>How the levels are trained.</summary>
    public static IReadOnlyList<string> Trainings { get; } = new[] { "joint", "one-by-one" };

    [NotAFlag]
    public override string Networks { get; init; } = "lapgan";

    [Flag("side of the coarsest level, drawn from z alone by fully connected networks (the paper's CIFAR-10 model: 8)")]
    public int BaseSide { get; init; } = 8;

    [Flag("hidden units of the base level's G, D has half (the paper's CIFAR-10 model: 1,200 and 600)")]
    public int BaseHidden { get; init; } = 1200;

    [Flag("channels of each level generator's convolutions")]
    public int LevelWidth { get; init; } = 64;

    [Flag("joint: every step trains every level on the same real batch (the levels are independent given real images); one-by-one: --level-steps steps of the base, then of each level in turn", ChoicesType = typeof(LapGanOptions), ChoicesFrom = nameof(Trainings))]
    public string Training { get; init; } = "joint";

    [Flag("one-by-one: steps each level trains for before the next one starts (the last level trains on after its turn)")]
    public long LevelSteps { get; init; } = 1000;

    /// <summary>Pyramid levels above the base: the resolution is BaseSide · 2^Levels.</summary>
    [JsonIgnore]
    public int Levels
    {
        get
        {
            for (int k = 1; BaseSide << k <= Resolution; k++)
                if (BaseSide << k == Resolution) return k;
            throw new GanSharpException($"lapgan doubles from --base-side {BaseSide} up to the resolution: --resolution {Resolution} is not {BaseSide}·2^k with k ≥ 1");
        }
    }

    /// <summary>The side of level k (0 = the base).</summary>
    public int Side(int level) => BaseSide << level;

    /// <summary>The DCGAN defaults at 32×32 (Adam 2e-4 β (0.5, 0.999), batch 64, width 64), the paper's levels 8 → 16 → 32.</summary>
    public static LapGanOptions Defaults { get; } = new() { Family = "lapgan", Resolution = 32, LatentSize = 100 };

    public override void Validate()
    {
        if (Networks != "lapgan") throw new GanSharpException($"{Family} builds its own networks per level; its networks must be lapgan, not {Networks}");
        base.Validate();
        if (BaseSide < 4) throw new GanSharpException($"--base-side must be at least 4, got {BaseSide}");
        Check.Positive(BaseHidden, "--base-hidden");
        _ = Levels;
        Check.Positive(LevelWidth, "--level-width");
        Check.OneOf(this, nameof(Training), Training);
        Check.Positive(LevelSteps, "--level-steps");
        if (DSteps != 1) throw new GanSharpException($"{Family} takes one D step per G step at every level (--d-steps 1), not {DSteps}");
        if (Penalty != "none") throw new GanSharpException($"{Family} has no D penalty yet (--penalty none), not {Penalty}");
        if (EmaDecay is not null) throw new GanSharpException($"{Family} samples from its level generators themselves; --ema-decay is not supported");
    }
}
