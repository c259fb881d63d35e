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
/// Options of the families that map an image to an image: they train on pairs (or two domains)
/// and draw no noise vector, so the latent, prior, D-steps and EMA flags of noise-to-image
/// families are hidden.
/// </summary>
public abstract record TranslationOptions : FamilyOptions, IPairedOptions
{
    [NotAFlag]
    public override int LatentSize { get; init; } = 100;

    [NotAFlag]
    public override string Prior { get; init; } = "normal";

    [NotAFlag]
    public override int DSteps { get; init; } = 1;

    [NotAFlag]
    public override double? EmaDecay { get; init; }

    [NotAFlag]
    public override long EmaStart { get; init; }

    [NotAFlag]
    public override double EmaRampup { get; init; }

    /// <summary>Channels of the inputs (domain A), taken from the data when the run is assembled.</summary>
    public int InputChannels { get; init; } = 1;

    [JsonIgnore]
    public override bool TrainsOnPairs => true;

    public abstract FamilyOptions WithShapes(DataShape input, DataShape target);
}

/// <summary>
/// The translators judged by a PatchGAN (pix2pix, CycleGAN): the norm of both networks, D's depth,
/// and the learning rate held for a share of the run then decayed linearly to 0 (both papers).
/// </summary>
public abstract record PatchTranslationOptions : TranslationOptions
{
    [Flag("normalisation in G and D: batch (pix2pix's) or instance (CycleGAN's)", Choices = new[] { "batch", "instance" })]
    public string Norm { get; init; } = "batch";

    [Flag("strided layers of the PatchGAN: 3 sees 70×70 patches (1: 16×16, 2: 34×34, 4: 142×142)")]
    public int DLayers { get; init; } = 3;

    [Flag("share of the run at the initial learning rate before it decays linearly to 0 (the papers: 100 of 200 epochs)")]
    public double DecayFrom { get; init; } = 0.5;

    [JsonIgnore]
    public override string Schedule => "constant-then-linear";

    public override void Validate()
    {
        base.Validate();
        Check.OneOf(this, nameof(Norm), Norm);
        Check.Positive(DLayers, "--d-layers");
        if (GanSharp.Networks.PatchGanDiscriminator.PatchesPerSide(Resolution, DLayers) < 1)
            throw new GanSharpException($"--d-layers {DLayers} halves {Resolution}×{Resolution} images {DLayers} times, leaving no patch to judge; use --d-layers {Enumerable.Range(1, DLayers).Last(l => GanSharp.Networks.PatchGanDiscriminator.PatchesPerSide(Resolution, l) >= 1 || l == 1)} or a larger --resolution");
        if (DecayFrom is < 0 or >= 1) throw new GanSharpException($"--decay-from must be in [0, 1), got {DecayFrom}");
    }
}
