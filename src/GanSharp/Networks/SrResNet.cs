using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// SRGAN's generator, SRResNet (Ledig et al. 2017): a 9×9 convolution and PReLU, <c>blocks</c>
/// residual blocks (3×3 conv, batch norm, PReLU, 3×3 conv, batch norm, plus the input), a 3×3 conv
/// and batch norm added to the head's output, then per factor 2 a 3×3 convolution to 4× the
/// channels, a pixel shuffle (sub-pixel convolution: channels become a 2×2 spatial block) and
/// PReLU, and a 9×9 convolution to the image with tanh (the data is in [−1, 1]).
/// </summary>
public sealed class SrResNet : Module<Tensor, Tensor>
{
    private readonly Sequential head, body, tail, upsample;

    public SrResNet(int channels = 3, int width = 64, int blocks = 16, int factor = 4) : base(nameof(SrResNet))
    {
        if (factor is not (2 or 4 or 8)) throw new GanSharpException($"--factor must be 2, 4 or 8, got {factor}");
        head = Sequential(("conv", Conv2d(channels, width, 9, padding: 4)), ("prelu", PReLU(width)));
        body = Sequential(Enumerable.Range(0, blocks).Select(i => ($"block{i}", (Module<Tensor, Tensor>)new Residual(width))));
        tail = Sequential(("conv", Conv2d(width, width, 3, padding: 1, bias: false)), ("bn", BatchNorm2d(width)));
        var up = new List<(string, Module<Tensor, Tensor>)>();
        for (int i = 0; (1 << i) < factor; i++)
        {
            up.Add(($"up{i}_conv", Conv2d(width, 4 * width, 3, padding: 1)));
            up.Add(($"up{i}_shuffle", PixelShuffle(2)));
            up.Add(($"up{i}_prelu", PReLU(width)));
        }
        up.Add(("to_image", Conv2d(width, channels, 9, padding: 4)));
        up.Add(("tanh", Tanh()));
        upsample = Sequential(up);
        RegisterComponents();
    }

    /// <summary>
    /// How far, in input pixels, an output pixel sees: the 9×9 head (4), two 3×3 per block (2), the
    /// tail (1), each ×2 stage's 3×3 at its own scale (1, ½, ¼ …) and the last 9×9 at the output's
    /// (4 / factor), rounded up. Tiles with this margin stitch exactly.
    /// </summary>
    public static int ReceptiveRadius(int blocks, int factor)
    {
        double radius = 4 + 2 * blocks + 1 + 4.0 / factor;
        for (int scale = 1; scale < factor; scale *= 2) radius += 1.0 / scale;
        return (int)Math.Ceiling(radius);
    }

    /// <summary>low-resolution images (N, C, s, s) → (N, C, factor·s, factor·s).</summary>
    public override Tensor forward(Tensor x)
    {
        var h = head.forward(x);
        return upsample.forward(h + tail.forward(body.forward(h)));
    }

    private sealed class Residual : Module<Tensor, Tensor>
    {
        private readonly Sequential f;

        public Residual(int width) : base(nameof(Residual))
        {
            f = Sequential(("conv1", Conv2d(width, width, 3, padding: 1, bias: false)), ("bn1", BatchNorm2d(width)), ("prelu", PReLU(width)),
                ("conv2", Conv2d(width, width, 3, padding: 1, bias: false)), ("bn2", BatchNorm2d(width)));
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => x + f.forward(x);
    }
}
