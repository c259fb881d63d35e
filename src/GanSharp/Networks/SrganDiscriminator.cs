using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// SRGAN's discriminator (Ledig et al. 2017, after the VGG pattern): a 3×3 convolution of width w
/// and LeakyReLU 0.2, then seven 3×3 convolutions alternating stride 2 and 1 over widths w, 2w, 2w,
/// 4w, 4w, 8w, 8w with batch norm, then a dense layer of 16w units and one logit. The paper flattens
/// its 96×96 crops; here the last map is averaged over space first, so any size of image fits.
/// </summary>
public sealed class SrganDiscriminator : Module<Tensor, Tensor>
{
    private readonly Sequential features, head;

    public SrganDiscriminator(int channels = 3, int width = 64) : base(nameof(SrganDiscriminator))
    {
        var layers = new List<(string, Module<Tensor, Tensor>)> { ("conv0", Conv2d(channels, width, 3, padding: 1)), ("lrelu0", LeakyReLU(0.2)) };
        var widths = new[] { width, 2 * width, 2 * width, 4 * width, 4 * width, 8 * width, 8 * width };
        long from = width;
        for (int i = 0; i < widths.Length; i++)
        {
            layers.Add(($"conv{i + 1}", Conv2d(from, widths[i], 3, stride: i % 2 == 0 ? 2 : 1, padding: 1, bias: false)));
            layers.Add(($"bn{i + 1}", BatchNorm2d(widths[i])));
            layers.Add(($"lrelu{i + 1}", LeakyReLU(0.2)));
            from = widths[i];
        }
        features = Sequential(layers);
        head = Sequential(("pool", AdaptiveAvgPool2d(1)), ("flatten", Flatten()), ("dense", Linear(8 * width, 16 * width)), ("lrelu", LeakyReLU(0.2)), ("logit", Linear(16 * width, 1)));
        RegisterComponents();
    }

    /// <summary>images (N, C, H, W) → logits (N).</summary>
    public override Tensor forward(Tensor x) => head.forward(features.forward(x)).view(-1);
}
