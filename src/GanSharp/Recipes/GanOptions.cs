using GanSharp.Losses;

namespace GanSharp.Recipes;

/// <summary>
/// Options of the plain GAN recipe (vanilla MLP or DCGAN networks). Defaults follow DCGAN
/// (Adam 2e-4, β1 = 0.5; seed 001) and the book's vanilla shapes (004). Each property has a
/// kebab-case CLI twin: <c>DSteps</c> ↔ <c>--d-steps</c>.
/// </summary>
public sealed record GanOptions
{
    /// <summary>Network family: "vanilla" (the book's MLP) or "dcgan".</summary>
    public string Family { get; init; } = "dcgan";
    /// <summary>Size of z.</summary>
    public int LatentSize { get; init; } = 100;
    /// <summary>Noise prior: normal or uniform.</summary>
    public string Prior { get; init; } = "normal";
    /// <summary>Image side in pixels; 28 is Fashion-MNIST's own, 64 upsamples it (DCGAN only).</summary>
    public int Resolution { get; init; } = 28;
    /// <summary>DCGAN: channels of the outermost layers; vanilla: hidden units per layer.</summary>
    public int Width { get; init; } = 64;
    /// <summary>k: discriminator steps per generator step (Goodfellow et al. 2014, Algorithm 1).</summary>
    public int DSteps { get; init; } = 1;
    /// <summary>Generator loss: non-saturating or minimax.</summary>
    public string GLoss { get; init; } = "non-saturating";
    public int BatchSize { get; init; } = 64;
    public double LrG { get; init; } = 2e-4;
    public double LrD { get; init; } = 2e-4;
    public double Beta1 { get; init; } = 0.5;
    public double Beta2 { get; init; } = 0.999;

    public static IReadOnlyList<string> Families { get; } = new[] { "vanilla", "dcgan" };

    /// <summary>The defaults of a family: vanilla uses the book's 500 hidden units.</summary>
    public static GanOptions DefaultsFor(string family) => family switch
    {
        "vanilla" => new GanOptions { Family = "vanilla", Width = 500 },
        "dcgan" => new GanOptions(),
        _ => throw new GanSharpException($"family '{family}' is not known; valid values: {string.Join(", ", Families)}"),
    };

    /// <summary>Throws a <see cref="GanSharpException"/> naming the first invalid option.</summary>
    public GanOptions Validated()
    {
        if (!Families.Contains(Family)) throw new GanSharpException($"family '{Family}' is not known; valid values: {string.Join(", ", Families)}");
        Positive(LatentSize, "--latent-size");
        Positive(Width, "--width");
        Positive(DSteps, "--d-steps");
        Positive(BatchSize, "--batch-size");
        PositiveReal(LrG, "--lr-g");
        PositiveReal(LrD, "--lr-d");
        if (Beta1 is < 0 or >= 1) throw new GanSharpException($"--beta1 must be in [0, 1), got {Beta1}");
        if (Beta2 is < 0 or >= 1) throw new GanSharpException($"--beta2 must be in [0, 1), got {Beta2}");
        Objective.Named(GLoss);
        Recipes.Prior.Named(Prior);
        if (Family == "vanilla" && Resolution != 28)
            throw new GanSharpException($"--resolution {Resolution}: the vanilla GAN is the book's 28×28 network; use dcgan for other sizes");
        if (Family == "dcgan") Networks.DcganShape.Of(Resolution);
        return this;
    }

    private static void Positive(int value, string flag)
    {
        if (value <= 0) throw new GanSharpException($"{flag} must be positive, got {value}");
    }

    private static void PositiveReal(double value, string flag)
    {
        if (!(value > 0) || double.IsInfinity(value)) throw new GanSharpException($"{flag} must be a positive number, got {value}");
    }
}
