using GanSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// BigGAN's generator block (Brock et al. 2019, figure 15; the SN-GAN ResNet block with conditional
/// batch norm): BN → ReLU → nearest ×2 → 3×3 conv → BN → ReLU → 3×3 conv, plus a shortcut that is
/// upsampled and, when the channels change, a 1×1 conv. The batch norms take the block's condition.
/// </summary>
public sealed class GeneratorBlock : Module<Tensor, Tensor, Tensor>
{
    private readonly ConditionalBatchNorm bn1, bn2;
    private readonly Module<Tensor, Tensor> conv1, conv2;
    private readonly Module<Tensor, Tensor>? shortcut;

    public GeneratorBlock(int inChannels, int outChannels, int conditionSize, bool spectralNorm) : base(nameof(GeneratorBlock))
    {
        bn1 = new ConditionalBatchNorm(inChannels, conditionSize, spectralNorm);
        conv1 = SpectralNorm.Apply(Conv2d(inChannels, outChannels, 3, padding: 1), spectralNorm);
        bn2 = new ConditionalBatchNorm(outChannels, conditionSize, spectralNorm);
        conv2 = SpectralNorm.Apply(Conv2d(outChannels, outChannels, 3, padding: 1), spectralNorm);
        if (inChannels != outChannels) shortcut = SpectralNorm.Apply(Conv2d(inChannels, outChannels, 1), spectralNorm);
        RegisterComponents();
    }

    /// <summary>x (N, in, S, S), condition (N, c) → (N, out, 2S, 2S).</summary>
    public override Tensor forward(Tensor x, Tensor condition)
    {
        var h = Upsample(functional.relu(bn1.forward(x, condition)));
        h = conv2.forward(functional.relu(bn2.forward(conv1.forward(h), condition)));
        var skip = Upsample(x);
        return h + (shortcut is null ? skip : shortcut.forward(skip));
    }

    private static Tensor Upsample(Tensor x) => functional.interpolate(x, scale_factor: new[] { 2.0, 2.0 }, mode: InterpolationMode.Nearest);
}

/// <summary>
/// BigGAN's discriminator block: (ReLU) → 3×3 conv → ReLU → 3×3 conv → (2×2 average pool), plus a
/// shortcut (1×1 conv when the channels change or the block pools, then the pool). The first block
/// sees the image and so has no ReLU before its first conv and convolves its shortcut after pooling,
/// as in the SN-GAN and BigGAN code. An optional normalisation follows each conv (none in the papers).
/// </summary>
public sealed class DiscriminatorBlock : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> conv1, conv2, norm1, norm2;
    private readonly Module<Tensor, Tensor>? shortcut;
    private readonly bool first, downsample;

    public DiscriminatorBlock(int inChannels, int outChannels, bool downsample, bool first, bool spectralNorm, string norm) : base(nameof(DiscriminatorBlock))
    {
        this.first = first;
        this.downsample = downsample;
        conv1 = SpectralNorm.Apply(Conv2d(inChannels, outChannels, 3, padding: 1), spectralNorm);
        norm1 = NormalizationLayer.Create(norm, outChannels);
        conv2 = SpectralNorm.Apply(Conv2d(outChannels, outChannels, 3, padding: 1), spectralNorm);
        norm2 = NormalizationLayer.Create(norm, outChannels);
        if (inChannels != outChannels || downsample) shortcut = SpectralNorm.Apply(Conv2d(inChannels, outChannels, 1), spectralNorm);
        RegisterComponents();
    }

    /// <summary>x (N, in, S, S) → (N, out, S/2, S/2), or (N, out, S, S) without pooling.</summary>
    public override Tensor forward(Tensor x)
    {
        var h = first ? x : functional.relu(x);
        h = norm1.forward(conv1.forward(h));
        h = Pool(norm2.forward(conv2.forward(functional.relu(h))));
        return h + Shortcut(x);
    }

    private Tensor Shortcut(Tensor x)
    {
        if (shortcut is null) return Pool(x);
        return first ? shortcut.forward(Pool(x)) : Pool(shortcut.forward(x));
    }

    private Tensor Pool(Tensor x) => downsample ? functional.avg_pool2d(x, 2) : x;
}
