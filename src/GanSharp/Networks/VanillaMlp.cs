using GanSharp.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// The book's vanilla generator (004, chapter 1): z (100) → 500 → 500 → 784 dense layers,
/// LeakyReLU between them, tanh output reshaped to one 28×28 image.
/// </summary>
public sealed class VanillaGenerator : Module<Tensor, Tensor>
{
    private readonly Sequential net;
    private readonly long[] imageShape;

    public VanillaGenerator(int latentSize = 100, int hidden = 500, int imageSize = 28, int channels = 1) : base(nameof(VanillaGenerator))
    {
        imageShape = new long[] { channels, imageSize, imageSize };
        int pixels = channels * imageSize * imageSize;
        net = Sequential(
            ("fc1", Linear(latentSize, hidden)), ("act1", LeakyReLU(0.2)),
            ("fc2", Linear(hidden, hidden)), ("act2", LeakyReLU(0.2)),
            ("fc3", Linear(hidden, pixels)), ("out", Tanh()));
        RegisterComponents();
    }

    /// <summary>z (N, latent) → images (N, C, H, W) in [-1, 1].</summary>
    public override Tensor forward(Tensor z)
    {
        using var flat = net.forward(z);
        return flat.view(new long[] { z.shape[0] }.Concat(imageShape).ToArray());
    }
}

/// <summary>
/// The book's vanilla discriminator (004): a 28×28 image flattened to 784 → 500 → 500 → 1.
/// Returns the logit; the sigmoid of the book lives in the loss, computed stably from logits.
/// </summary>
public sealed class VanillaDiscriminator : Discriminator, IFunctionalDiscriminator
{
    private readonly Sequential body, head;

    public VanillaDiscriminator(int hidden = 500, int imageSize = 28, int channels = 1, DiscriminatorOptions? options = null) : base(nameof(VanillaDiscriminator))
    {
        var o = options ?? new DiscriminatorOptions();
        body = Sequential(
            ("flatten", Flatten()),
            ("fc1", SpectralNorm.Apply(Linear(channels * imageSize * imageSize, hidden), o.SpectralNorm)), ("act1", LeakyReLU(0.2)),
            ("fc2", SpectralNorm.Apply(Linear(hidden, hidden), o.SpectralNorm)), ("act2", LeakyReLU(0.2)));
        head = Head(hidden, 0, o, bias: true);
        IsPlain = o is { SpectralNorm: false, MinibatchStdDev: false, MinibatchKernels: 0 };
        RegisterComponents();
    }

    /// <summary>Whether <see cref="ForwardWith"/> applies (plain layers only: no spectral norm, no minibatch layers).</summary>
    public bool IsPlain { get; }

    /// <summary>images (N, C, H, W) → features (N, hidden).</summary>
    public override Tensor Features(Tensor x) => body.forward(x);

    /// <summary>The same network with other weights θ (W1, b1, W2, b2, W3, b3), for the unrolled GAN.</summary>
    public Tensor ForwardWith(IReadOnlyList<Tensor> theta, Tensor x) => FunctionalMlp.Forward(this, theta, x);

    /// <summary>features → logits (N).</summary>
    public override Tensor Logits(Tensor features)
    {
        using var logits = head.forward(features);
        return logits.view(-1);
    }
}
