using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// A discriminator that knows about classes or codes, around a plain one (MLP or DCGAN). Each way
/// of conditioning is its own subclass: <see cref="ConcatDiscriminator"/> (cGAN),
/// <see cref="ProjectionDiscriminator"/>, <see cref="AuxiliaryHeadDiscriminator"/> (AC-GAN's class
/// head, InfoGAN's Q head). Module fields are checkpoint keys: inner, embed, auxiliary.
/// </summary>
public abstract class ConditionalDiscriminator : Module
{
    protected readonly Discriminator inner;

    public int Classes { get; }
    /// <summary>Size of the flattened features φ(x) of the inner discriminator.</summary>
    public long FeatureSize { get; }
    /// <summary>Channels of φ(x) (its size when φ(x) is a vector): what sums over space leave.</summary>
    protected long PooledSize { get; }
    /// <summary>The plain discriminator inside (for the convolution self-check).</summary>
    public Discriminator Inner => inner;

    /// <param name="inner">the plain discriminator, built for <paramref name="innerChannels"/> input channels</param>
    protected ConditionalDiscriminator(Discriminator inner, int classes, int innerChannels, int resolution) : base(nameof(ConditionalDiscriminator))
    {
        this.inner = inner;
        Classes = classes;
        var shape = inner.FeatureShape(innerChannels, resolution);   // (C, H, W) or (C)
        FeatureSize = shape.Aggregate(1L, (a, b) => a * b);
        PooledSize = shape[0];
    }

    /// <summary>
    /// Registers inner first, then the subclass's own module: the order is the state's order in
    /// checkpoints, and TorchSharp loads a module's state by position, not by name.
    /// </summary>
    protected void RegisterInnerThen(string name, Module? own)
    {
        register_module("inner", inner);
        if (own is not null) register_module(name, own);
    }

    /// <summary>
    /// Images (N, C, H, W) and their labels (N; ignored by heads that predict them, null where there
    /// are none) → the adversarial logits (N) and the auxiliary output (class logits or Q's), or null.
    /// </summary>
    public abstract (Tensor Logits, Tensor? Auxiliary) Judge(Tensor x, Tensor? labels);

    /// <summary>The inner discriminator's input for images and labels.</summary>
    public virtual Tensor InnerInput(Tensor x, Tensor? labels) => x;

    /// <summary>Features summed over space, (N, C, H, W) → (N, C); feature vectors unchanged.</summary>
    public static Tensor Pooled(Tensor features) => features.dim() == 4 ? features.sum(new long[] { 2, 3 }) : features;
}

/// <summary>
/// cGAN's D (Mirza &amp; Osindero 2014; seed 001): the one-hot label joined to the image as K
/// constant channels, so every layer can use it.
/// </summary>
public sealed class ConcatDiscriminator : ConditionalDiscriminator
{
    public ConcatDiscriminator(Func<int, Discriminator> build, int classes, int channels, int resolution)
        : base(build(channels + classes), classes, channels + classes, resolution) => RegisterInnerThen("", null);

    public override (Tensor Logits, Tensor? Auxiliary) Judge(Tensor x, Tensor? labels) => (inner.forward(InnerInput(x, labels)), null);

    public override Tensor InnerInput(Tensor x, Tensor? labels) =>
        cat(new[] { x, LabelMaps(labels ?? throw new ArgumentNullException(nameof(labels), "cGAN's D needs the labels of its images"), x) }, 1);

    /// <summary>One-hot labels as K constant maps of the images' size: (N) → (N, K, H, W).</summary>
    private Tensor LabelMaps(Tensor labels, Tensor x) =>
        nn.functional.one_hot(labels, Classes).to_type(x.dtype).view(x.shape[0], Classes, 1, 1).expand(-1, -1, x.shape[2], x.shape[3]);
}

/// <summary>
/// The projection discriminator (Miyato &amp; Koyama 2018): logit = ψ(φ(x)) + ⟨embed(y), Σ φ(x)⟩,
/// the features summed over space as in the paper, the embedding spectrally normalised with the
/// rest of D when D is.
/// </summary>
public sealed class ProjectionDiscriminator : ConditionalDiscriminator
{
    private readonly Module<Tensor, Tensor> embed;     // one-hot y → embedding (a bias-free linear map, so spectral norm applies)

    public ProjectionDiscriminator(Func<int, Discriminator> build, int classes, int channels, int resolution, bool spectralNorm)
        : base(build(channels), classes, channels, resolution)
    {
        var linear = Linear(classes, PooledSize, hasBias: false);
        using (no_grad()) init.normal_(linear.weight!, 0, 0.02);
        embed = Layers.SpectralNorm.Apply(linear, spectralNorm);
        RegisterInnerThen("embed", embed);
    }

    public override (Tensor Logits, Tensor? Auxiliary) Judge(Tensor x, Tensor? labels)
    {
        var features = inner.Features(x);
        var y = nn.functional.one_hot(labels ?? throw new ArgumentNullException(nameof(labels), "the projection D needs the labels of its images"), Classes).to_type(features.dtype);
        return (inner.Logits(features) + (embed.forward(y) * Pooled(features)).sum(1), null);
    }
}

/// <summary>
/// An unconditional logit plus a head on φ(x) that predicts what G was given: AC-GAN's class
/// logits (Odena et al. 2017), InfoGAN's Q (Chen et al. 2016: logits of the categorical code and
/// means of the continuous codes). The labels of the images are not its input.
/// </summary>
public sealed class AuxiliaryHeadDiscriminator : ConditionalDiscriminator
{
    private readonly Module<Tensor, Tensor> auxiliary;

    /// <param name="head">builds the head from the size of the flattened features</param>
    public AuxiliaryHeadDiscriminator(Func<int, Discriminator> build, int classes, int channels, int resolution, Func<long, Module<Tensor, Tensor>> head)
        : base(build(channels), classes, channels, resolution)
    {
        auxiliary = head(FeatureSize);
        RegisterInnerThen("auxiliary", auxiliary);
    }

    public override (Tensor Logits, Tensor? Auxiliary) Judge(Tensor x, Tensor? labels)
    {
        var features = inner.Features(x);
        return (inner.Logits(features), auxiliary.forward(features.flatten(1)));
    }
}
