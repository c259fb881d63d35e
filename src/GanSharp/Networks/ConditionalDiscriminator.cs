using GanSharp.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// A discriminator that knows about classes or codes, around a plain one (MLP or DCGAN):
/// <list type="bullet">
/// <item>concat (cGAN, Mirza &amp; Osindero 2014; seed 001): the one-hot label as K constant
/// channels joined to the image, so every layer can use it;</item>
/// <item>projection (Miyato &amp; Koyama 2018): logit = ψ(φ(x)) + ⟨embed(y), Σ φ(x)⟩, the features
/// summed over space as in the paper, the embedding spectrally normalised with the rest of D;</item>
/// <item>acgan (Odena et al. 2017): an unconditional logit plus a class head on φ(x);</item>
/// <item>infogan (Chen et al. 2016): an unconditional logit plus Q's head on φ(x): logits of the
/// categorical code and means of the continuous codes.</item>
/// </list>
/// </summary>
public sealed class ConditionalDiscriminator : Module
{
    private readonly Discriminator inner;
    private readonly Module<Tensor, Tensor>? embed;     // projection: one-hot y → embedding (a bias-free linear map, so spectral norm applies)
    private readonly Module<Tensor, Tensor>? auxiliary;

    public string Mode { get; }
    public int Classes { get; }
    /// <summary>Size of the flattened features φ(x) of the inner discriminator.</summary>
    public long FeatureSize { get; }
    /// <summary>The plain discriminator inside (for the convolution self-check).</summary>
    public Discriminator Inner => inner;

    /// <param name="build">builds the inner discriminator for a number of input channels</param>
    /// <param name="auxiliaryOutputs">Q's outputs for infogan (categories + continuous codes)</param>
    public ConditionalDiscriminator(string mode, int classes, int channels, int resolution, Func<int, Discriminator> build, bool spectralNorm, int auxiliaryOutputs = 0)
        : base(nameof(ConditionalDiscriminator))
    {
        Mode = mode;
        Classes = classes;
        inner = build(mode == "concat" ? channels + classes : channels);
        var shape = inner.FeatureShape(mode == "concat" ? channels + classes : channels, resolution);   // (C, H, W) or (C)
        FeatureSize = shape.Aggregate(1L, (a, b) => a * b);
        long pooledSize = shape[0];                                                                        // Pooled sums H and W away
        switch (mode)
        {
            case "projection":
                var linear = Linear(classes, pooledSize, hasBias: false);
                using (no_grad()) init.normal_(linear.weight!, 0, 0.02);
                embed = SpectralNorm.Apply(linear, spectralNorm);
                break;
            case "acgan":
                auxiliary = SpectralNorm.Apply(Linear(FeatureSize, classes), spectralNorm);
                break;
            case "infogan":
                auxiliary = Sequential(("q_fc", Linear(FeatureSize, 128)), ("q_lrelu", LeakyReLU(0.2)), ("q_out", Linear(128, auxiliaryOutputs)));
                break;
            case "concat": break;
            default: throw new GanSharpException($"conditioning '{mode}' is not known; valid values: concat, projection, acgan, infogan");
        }
        RegisterComponents();
    }

    /// <summary>
    /// Images (N, C, H, W) and, for concat and projection, their labels (N) → the adversarial
    /// logits (N) and the auxiliary output (class logits (N, K) or Q's output), or null.
    /// </summary>
    public (Tensor Logits, Tensor? Auxiliary) Judge(Tensor x, Tensor? labels)
    {
        var features = inner.Features(InnerInput(x, labels));
        var logits = inner.Logits(features);
        return Mode switch
        {
            "projection" => (logits + (embed!.forward(nn.functional.one_hot(labels!, Classes).to_type(features.dtype)) * Pooled(features)).sum(1), null),
            "acgan" or "infogan" => (logits, auxiliary!.forward(features.flatten(1))),
            _ => (logits, null),
        };
    }

    /// <summary>The inner discriminator's input for images and labels (images with label channels for concat).</summary>
    public Tensor InnerInput(Tensor x, Tensor? labels) => Mode == "concat" ? cat(new[] { x, LabelMaps(labels!, x) }, 1) : x;

    /// <summary>Features summed over space, (N, C, H, W) → (N, C); feature vectors unchanged.</summary>
    public static Tensor Pooled(Tensor features) => features.dim() == 4 ? features.sum(new long[] { 2, 3 }) : features;

    /// <summary>One-hot labels as K constant maps of the images' size: (N) → (N, K, H, W).</summary>
    private Tensor LabelMaps(Tensor labels, Tensor x) =>
        nn.functional.one_hot(labels, Classes).to_type(x.dtype).view(x.shape[0], Classes, 1, 1).expand(-1, -1, x.shape[2], x.shape[3]);
}
