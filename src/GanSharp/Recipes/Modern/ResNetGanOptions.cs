using System.Text.Json.Serialization;
using GanSharp.Networks;
using GanSharp.Recipes.Options;

namespace GanSharp.Recipes.Modern;

/// <summary>
/// Options of SAGAN and BigGAN (seed 002's improved GANs): ResNet networks with self-attention,
/// spectral norm in G and D, conditional batch norm in G and a projection D when there are classes;
/// BigGAN adds a shared class embedding, hierarchical z, orthogonal regularisation and the EMA of G.
/// D's loss, penalties, minibatch layers and augmentation are those of every classifier-D family.
/// </summary>
public sealed record ResNetGanOptions : ClassifierGanOptions
{
    [NotAFlag]
    public override string Networks { get; init; } = "resnet";

    [Flag("classes to condition on (conditional batch norm in G, projection in D); 0 = unconditional; an image folder with --labels folders sets it to its subfolders")]
    public int Classes { get; init; }

    [Flag("side of the feature map where self-attention sits in G and D (SAGAN: 32 of 128; a power-of-two step of the resolution); 0 = none")]
    public int Attention { get; init; } = 16;

    [Flag("spectral normalisation of G's layers too (SAGAN, BigGAN)")]
    public bool GSpectralNorm { get; init; } = true;

    [Flag("BigGAN: size of the class embedding shared by all of G's conditional batch norms (conditional runs); 0 = each layer its own map of the one-hot class (SAGAN)")]
    public int SharedEmbedding { get; init; }

    [Flag("BigGAN: z cut into chunks, one for the first layer and one joined to the class embedding of each block")]
    public bool HierarchicalZ { get; init; }

    [Flag("BigGAN: β of the orthogonal regularisation of G's weights, β ‖W Wᵀ ⊙ (1 − I)‖²; 0 = off")]
    public double OrthogonalWeight { get; init; }

    [Flag("upper bound on the channels of any layer (G and D double them towards the base)")]
    public int MaxChannels { get; init; } = 256;

    /// <summary>SAGAN's setting (Zhang et al. 2019, section 5) on networks sized for a CPU at 32×32.</summary>
    public static ResNetGanOptions Sagan { get; } = new()
    {
        Family = "sagan", Resolution = 32, Width = 16, LatentSize = 128, BatchSize = 32,
        Loss = "hinge", SpectralNorm = true, DNorm = "none", LrG = 1e-4, LrD = 4e-4, Beta1 = 0, Beta2 = 0.9,
    };

    /// <summary>
    /// BigGAN's additions (Brock et al. 2019, sections 3–4, appendix C): shared embedding, hierarchical z,
    /// orthogonal regularisation 1e-4, EMA, 2 D steps, β2 0.999, at the same CPU size (the paper's
    /// EMA 0.9999 starts after 20k steps; 0.999 from step 500 suits runs of a few thousand steps).
    /// </summary>
    public static ResNetGanOptions BigGan { get; } = Sagan with
    {
        Family = "biggan", SharedEmbedding = 64, HierarchicalZ = true, OrthogonalWeight = 1e-4, EmaDecay = 0.999, EmaStart = 500, DSteps = 2, Beta2 = 0.999,
    };

    /// <summary>The networks' shape these options describe.</summary>
    [JsonIgnore]
    public ResNetGanShape Shape => new(Resolution, Width, MaxChannels, Attention);

    public override void Validate()
    {
        if (Networks != "resnet") throw new GanSharpException($"{Family} has ResNet networks; its networks must be resnet, not {Networks}");
        base.Validate();
        DcganShape.Of(Resolution);
        Shape.Check();
        if (Classes is < 0 or 1) throw new GanSharpException($"--classes must be 0 (unconditional) or at least 2, got {Classes}");
        if (SharedEmbedding < 0) throw new GanSharpException($"--shared-embedding must be 0 (off) or positive, got {SharedEmbedding}");
        Check.NonNegative(OrthogonalWeight, "--orthogonal-weight");
        ModernOptionChecks.Channels(Width, MaxChannels);
        if (HierarchicalZ) ResNetGanGenerator.Chunks(LatentSize, Shape.Stages + 1);
        if (Penalty is "gp" or "dragan")
            throw new GanSharpException($"{Family} takes the zero-centred penalties r1 and r2 (they keep the labels fixed); --penalty {Penalty} is for the dcgan families");
    }
}
