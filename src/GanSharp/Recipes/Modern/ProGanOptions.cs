using System.Text.Json.Serialization;
using GanSharp.Networks;
using GanSharp.Recipes.Options;

namespace GanSharp.Recipes.Modern;

/// <summary>
/// Options of progressive growing (Karras et al. 2018, ProGAN; seed 002): the networks grow from
/// 4×4 to the resolution, each new stage faded in over <see cref="StageImages"/> real images and then
/// trained alone as long; WGAN-GP with the drift term; Adam 1e-3 β (0, 0.99); G's moving average.
/// The paper shows 800k images per phase at batch 16 and up to 512 channels; ours are sized for a CPU.
/// D's own layers (pixel norm in G, minibatch stddev in D, equalised lr everywhere) are fixed.
/// </summary>
public sealed record ProGanOptions : ClassifierGanOptions
{
    [NotAFlag]
    public override string Networks { get; init; } = "progan";

    [Flag("real images shown to D during each fade-in and each stable phase (the paper: 800,000)")]
    public long StageImages { get; init; } = 20_000;

    [Flag("real images per phase at some sides, overriding --stage-images there: side:images pairs such as 4:6000,32:40000; none = --stage-images everywhere")]
    public string SideImages { get; init; } = "none";

    [Flag("batch at some sides, overriding --batch-size there: side:batch pairs, each a multiple of --batch-size, such as 4:128,8:64 (the paper shrinks the batch as the side grows); none = --batch-size everywhere")]
    public string SideBatch { get; init; } = "none";

    [Flag("ε of the drift term ε · E[D(x)²] that keeps the critic's scores near 0 (the paper: 0.001)")]
    public double DriftWeight { get; init; } = 0.001;

    [Flag("upper bound on the channels of any layer (they double from --width at the resolution towards 4×4)")]
    public int MaxChannels { get; init; } = 128;

    [JsonIgnore]
    public ProGanShape Shape => new(Resolution, Width, MaxChannels);

    /// <summary>Real images of each phase of a stage: --side-images there, else --stage-images.</summary>
    public long ImagesAt(int stage) => SideValues.Parse(SideImages, "--side-images", Shape).GetValueOrDefault(stage, StageImages);

    /// <summary>The batch of a stage: --side-batch there, else --batch-size.</summary>
    public int BatchAt(int stage) => (int)SideValues.Parse(SideBatch, "--side-batch", Shape).GetValueOrDefault(stage, BatchSize);

    /// <summary>
    /// The paper's setting on networks sized for a CPU at 32×32, with StyleGAN2-ADA's EMA rampup 0.05:
    /// phases of a few hundred steps are shorter than β 0.999's half-life of 693 steps, and an average
    /// reaching back over earlier stages draws washed-out noise.
    /// </summary>
    public static ProGanOptions Defaults { get; } = new()
    {
        Family = "pggan", Resolution = 32, Width = 16, LatentSize = 128, BatchSize = 32, Loss = "wasserstein", Penalty = "gp", PenaltyWeight = 10,
        DNorm = "none", LrG = 1e-3, LrD = 1e-3, Beta1 = 0, Beta2 = 0.99, EmaDecay = 0.999, EmaRampup = 0.05,
    };

    public override void Validate()
    {
        if (Networks != "progan") throw new GanSharpException($"{Family} grows its own networks; its networks must be progan, not {Networks}");
        base.Validate();
        _ = Shape.Last;
        Check.Positive(StageImages, "--stage-images");
        Check.NonNegative(DriftWeight, "--drift-weight");
        SideValues.Parse(SideImages, "--side-images", Shape);
        foreach (var (stage, batch) in SideValues.Parse(SideBatch, "--side-batch", Shape))
            if (batch > 65_536 || batch % BatchSize != 0)
                throw new GanSharpException($"--side-batch {Shape.Side(stage)}:{batch} must be a multiple of --batch-size {BatchSize} (at most 65,536): each step draws whole batches; make --batch-size the smallest batch you name");
        ModernOptionChecks.Channels(Width, MaxChannels);
        if (Penalty is not ("gp" or "none")) throw new GanSharpException($"{Family} takes --penalty gp (WGAN-GP, the paper's) or none, not {Penalty}");
        ModernOptionChecks.OwnDiscriminator(this, "ProGAN");
    }
}
