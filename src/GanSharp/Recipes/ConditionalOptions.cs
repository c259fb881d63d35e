using GanSharp.Recipes.Options;

namespace GanSharp.Recipes;

/// <summary>
/// Options of the conditional families (cgan, cgan-mlp, acgan, projection, infogan): how G and D
/// see classes or codes, and InfoGAN's codes. Penalties are the gradient ones that keep the
/// labels fixed (r1, r2); gp and dragan mix points of different labels.
/// </summary>
public sealed record ConditionalOptions : ClassifierGanOptions
{
    [Flag("conditioning: concat (cGAN: one-hot label joined to z and to D's input), projection (projection discriminator), acgan (auxiliary classifier in D) or infogan (codes recovered by a Q head)",
        Choices = new[] { "concat", "projection", "acgan", "infogan" })]
    public string Conditioning { get; init; } = "concat";

    [Flag("classes of the labels (an image folder with --labels folders sets it to its subfolders), or values of InfoGAN's categorical code")]
    public int Classes { get; init; } = 10;

    [Flag("InfoGAN: continuous codes ~ U(−1, 1)")]
    public int InfoContinuous { get; init; } = 2;

    [Flag("InfoGAN: weight λ of the mutual-information term in both losses")]
    public double InfoWeight { get; init; } = 1;

    public override void Validate()
    {
        base.Validate();
        Check.OneOf(this, nameof(Conditioning), Conditioning);
        if (Classes < 2) throw new GanSharpException($"--classes must be at least 2, got {Classes}");
        if (InfoContinuous < 0) throw new GanSharpException($"--info-continuous must be ≥ 0, got {InfoContinuous}");
        Check.NonNegative(InfoWeight, "--info-weight");
        if (Penalty is "gp" or "dragan")
            throw new GanSharpException($"--conditioning {Conditioning} does not combine with --penalty {Penalty} (it mixes points of different labels; r1 and r2 combine)");
    }
}
