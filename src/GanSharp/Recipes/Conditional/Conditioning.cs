using GanSharp.Networks;
using static TorchSharp.torch;

namespace GanSharp.Recipes.Conditional;

/// <summary>What D saw of one batch: its auxiliary output, the labels (or codes) the batch has, InfoGAN's continuous codes.</summary>
public sealed record Judged(Tensor? Auxiliary, Tensor? Labels, Tensor? Continuous = null);

/// <summary>
/// What a conditional family adds to the lectures' GAN (seeds 001–003), each in its own file:
/// the discriminator it needs, the codes G gets beyond the one-hot class, whether training needs
/// the data's labels, and the loss terms it adds to D's and G's adversarial losses.
/// </summary>
public abstract class Conditioning
{
    /// <summary>Whether training needs the data's class labels (all but InfoGAN, which invents its codes).</summary>
    public virtual bool NeedsLabels => true;

    /// <summary>Continuous codes G gets after the categorical one (InfoGAN's).</summary>
    public virtual int ContinuousCodes(ConditionalOptions o) => 0;

    /// <summary>The conditional D around a plain one that <paramref name="inner"/> builds for a number of input channels.</summary>
    public abstract ConditionalDiscriminator BuildDiscriminator(ConditionalOptions o, Func<int, Discriminator> inner);

    /// <summary>A term added to D's loss, from what D saw of real and generated images (may log numbers); null for none.</summary>
    public virtual Tensor? DiscriminatorTerm(ConditionalOptions o, Judged real, Judged fake, StepLog log) => null;

    /// <summary>A term added to G's loss, from what D saw of generated images; null for none.</summary>
    public virtual Tensor? GeneratorTerm(ConditionalOptions o, Judged fake, StepLog log) => null;

    /// <summary>The conditioning an options record names (chosen once, when the recipe is built).</summary>
    public static Conditioning Named(string name) => name switch
    {
        "concat" => new ConcatConditioning(),
        "projection" => new ProjectionConditioning(),
        "acgan" => new AcGanConditioning(),
        "infogan" => new InfoGanConditioning(),
        _ => throw new GanSharpException($"--conditioning '{name}' is not known; valid values: concat, projection, acgan, infogan"),
    };
}

/// <summary>cGAN (Mirza &amp; Osindero 2014): the label is G's code and D's extra input; nothing is added to the losses.</summary>
public sealed class ConcatConditioning : Conditioning
{
    public override ConditionalDiscriminator BuildDiscriminator(ConditionalOptions o, Func<int, Discriminator> inner) =>
        new ConcatDiscriminator(inner, o.Classes, o.Channels, o.Resolution);
}

/// <summary>The projection discriminator (Miyato &amp; Koyama 2018): the label enters D's logit through an inner product; nothing is added to the losses.</summary>
public sealed class ProjectionConditioning : Conditioning
{
    public override ConditionalDiscriminator BuildDiscriminator(ConditionalOptions o, Func<int, Discriminator> inner) =>
        new ProjectionDiscriminator(inner, o.Classes, o.Channels, o.Resolution, o.SpectralNorm);
}
