using GanSharp.Recipes.Options;

namespace GanSharp.Recipes;

/// <summary>Options of the autoencoder-D families: DCGAN G, a convolutional autoencoder as D, its code size.</summary>
public abstract record AutoencoderOptions : FamilyOptions
{
    [NotAFlag]
    public override string Networks { get; init; } = "dcgan";

    [Flag("size of the autoencoder discriminator's code")]
    public int CodeSize { get; init; } = 64;

    public override void Validate()
    {
        if (Networks != "dcgan") throw new GanSharpException($"{Family} uses convolutional networks; its networks must be dcgan, not {Networks}");
        base.Validate();
        Check.Positive(CodeSize, "--code-size");
    }
}

/// <summary>BEGAN's equilibrium control (Berthelot et al. 2017).</summary>
public sealed record BeganOptions : AutoencoderOptions
{
    [Flag("BEGAN diversity ratio γ = E L(G(z)) / E L(x) at equilibrium")]
    public double BeganGamma { get; init; } = 0.5;

    [Flag("BEGAN learning rate λ_k of the proportional control of k_t")]
    public double BeganLambdaK { get; init; } = 0.001;

    public override void Validate()
    {
        base.Validate();
        if (BeganGamma is <= 0 or > 1) throw new GanSharpException($"--began-gamma must be in (0, 1], got {BeganGamma}");
        Check.NonNegative(BeganLambdaK, "--began-lambda-k");
    }
}

/// <summary>EBGAN's margin and pulling-away term (Zhao et al. 2017).</summary>
public sealed record EbganOptions : AutoencoderOptions
{
    [Flag("EBGAN margin m on the energy of generated images")]
    public double EbganMargin { get; init; } = 10;

    [Flag("EBGAN weight λ_PT of the pulling-away term; 0 = off")]
    public double EbganPullAway { get; init; } = 0.1;

    public override void Validate()
    {
        base.Validate();
        Check.PositiveReal(EbganMargin, "--ebgan-margin");
        Check.NonNegative(EbganPullAway, "--ebgan-pull-away");
    }
}
