using GanSharp.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// DCGAN shapes (Radford et al. 2015; seed 001): a resolution is base × 2^k with base 4 or 7
/// (64 = 4·2⁴, 32 = 4·2³, 28 = 7·2²). Each of the k stages doubles the size and halves the
/// channels, so the widest layer has width·2^(k−1) channels.
/// </summary>
public static class DcganShape
{
    public static (int Base, int Stages) Of(int resolution)
    {
        foreach (int b in new[] { 4, 7 })
            for (int k = 1; b << k <= resolution; k++)
                if (b << k == resolution) return (b, k);
        throw new GanSharpException($"DCGAN resolution {resolution} is not 4·2^k or 7·2^k (valid examples: 28, 32, 64, 128)");
    }
}

/// <summary>
/// DCGAN generator: a transposed convolution from z to base×base, then k strided transposed
/// convolutions; batch norm and ReLU everywhere except the output, which is tanh (001).
/// </summary>
public sealed class DcganGenerator : Module<Tensor, Tensor>
{
    private readonly Sequential net;

    public DcganGenerator(int latentSize = 100, int resolution = 28, int width = 64, int channels = 1) : base(nameof(DcganGenerator))
    {
        var (baseSize, stages) = DcganShape.Of(resolution);
        int c = width << (stages - 1);
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("project", ConvTranspose2d(latentSize, c, baseSize, stride: 1, padding: 0, bias: false)),
            ("project_bn", BatchNorm2d(c)), ("project_relu", ReLU()),
        };
        for (int i = 1; i < stages; i++, c /= 2)
        {
            layers.Add(($"up{i}", ConvTranspose2d(c, c / 2, 4, stride: 2, padding: 1, bias: false)));
            layers.Add(($"up{i}_bn", BatchNorm2d(c / 2)));
            layers.Add(($"up{i}_relu", ReLU()));
        }
        layers.Add(("to_image", ConvTranspose2d(c, channels, 4, stride: 2, padding: 1, bias: false)));
        layers.Add(("tanh", Tanh()));
        net = Sequential(layers);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>z (N, latent) → images (N, C, R, R) in [-1, 1].</summary>
    public override Tensor forward(Tensor z)
    {
        using var z4 = z.view(z.shape[0], z.shape[1], 1, 1);
        return net.forward(z4);
    }
}

/// <summary>
/// DCGAN discriminator: k strided convolutions (no pooling), normalisation on all but the input
/// layer (batch norm in DCGAN, 001; layer norm for WGAN-GP, whose penalty is per sample),
/// LeakyReLU 0.2, then a base×base convolution to one logit per image. With spectral norm every
/// layer is wrapped in <see cref="SpectralNorm"/> (SN-GAN).
/// </summary>
public sealed class DcganDiscriminator : Discriminator
{
    private readonly Sequential body, head;

    public DcganDiscriminator(int resolution = 28, int width = 64, int channels = 1, DiscriminatorOptions? options = null) : base(nameof(DcganDiscriminator))
    {
        var o = options ?? new DiscriminatorOptions();
        var (baseSize, stages) = DcganShape.Of(resolution);
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("from_image", SpectralNorm.Apply(Conv2d(channels, width, 4, stride: 2, padding: 1, bias: false), o.SpectralNorm)),
            ("from_image_lrelu", LeakyReLU(0.2)),
        };
        int c = width;
        for (int i = 1; i < stages; i++, c *= 2)
        {
            layers.Add(($"down{i}", SpectralNorm.Apply(Conv2d(c, c * 2, 4, stride: 2, padding: 1, bias: false), o.SpectralNorm)));
            layers.Add(($"down{i}_norm", NormalizationLayer.Create(o.Norm, c * 2)));
            layers.Add(($"down{i}_lrelu", LeakyReLU(0.2)));
        }
        body = Sequential(layers);
        head = Head(c, baseSize, o, bias: false);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>images (N, C, R, R) → features (N, c, base, base).</summary>
    public override Tensor Features(Tensor x) => body.forward(x);

    /// <summary>features → logits (N).</summary>
    public override Tensor Logits(Tensor features)
    {
        using var logits = head.forward(features);
        return logits.view(-1);
    }
}

/// <summary>DCGAN initialisation: convolution weights N(0, 0.02), batch-norm scale N(1, 0.02), shift 0.</summary>
internal static class DcganInit
{
    public static void Apply(Module module)
    {
        using var _ = no_grad();
        foreach (var (_, m) in module.named_modules())
        {
            switch (m)
            {
                case Conv2d conv: init.normal_(conv.weight, 0, 0.02); break;
                case ConvTranspose2d convT: init.normal_(convT.weight, 0, 0.02); break;
                case Conv3d conv3: init.normal_(conv3.weight, 0, 0.02); break;
                case ConvTranspose3d convT3: init.normal_(convT3.weight, 0, 0.02); break;
                case BatchNorm2d bn:
                    init.normal_(bn.weight, 1, 0.02);
                    init.zeros_(bn.bias);
                    break;
                case BatchNorm3d bn3:
                    init.normal_(bn3.weight, 1, 0.02);
                    init.zeros_(bn3.bias);
                    break;
            }
        }
    }
}
