using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// pix2pix's U-Net generator (Isola et al. 2017; junyanz's UnetGenerator): log₂(side) stride-2
/// 4×4 convolutions down to 1×1 and as many transposed ones back up, the mirror layers joined by
/// skip connections (each decoder layer reads its encoder twin's output beside the layer below).
/// Widths ngf·(1, 2, 4, 8, 8, …); LeakyReLU 0.2 down, ReLU up, no norm on the outermost and
/// innermost down layers, tanh out. Its noise is dropout 0.5 in the decoder layers of width 8·ngf
/// between the innermost and the 4·ngf one — none at 32×32 and below, one at 64, three at 256.
/// </summary>
public sealed class UNetGenerator : Module<Tensor, Tensor>
{
    private readonly ModuleList<Sequential> down, up;

    public UNetGenerator(int inputChannels, int outputChannels, int side, int width = 64, string norm = "batch", bool dropout = true) : base(nameof(UNetGenerator))
    {
        int depth = Depth(side);
        bool bias = TranslationNorm.ConvBias(norm);
        long Width(int i) => (long)width * Math.Min(1 << i, 8);
        down = new ModuleList<Sequential>();
        up = new ModuleList<Sequential>();
        for (int i = 0; i < depth; i++)
        {
            var layers = new List<(string, Module<Tensor, Tensor>)>();
            if (i > 0) layers.Add(("lrelu", LeakyReLU(0.2)));
            layers.Add(("conv", Conv2d(i == 0 ? inputChannels : Width(i - 1), Width(i), 4, stride: 2, padding: 1, bias: bias)));
            if (i > 0 && i < depth - 1) layers.Add(("norm", TranslationNorm.Create(norm, Width(i))));
            down.Add(Sequential(layers));
        }
        for (int i = 0; i < depth; i++)
        {
            long inputs = i == depth - 1 ? Width(i) : 2 * Width(i);      // all but the innermost read a skip beside the layer below
            var layers = new List<(string, Module<Tensor, Tensor>)> { ("relu", ReLU()) };
            if (i == 0)
            {
                layers.Add(("convT", ConvTranspose2d(inputs, outputChannels, 4, stride: 2, padding: 1)));
                layers.Add(("tanh", Tanh()));
            }
            else
            {
                layers.Add(("convT", ConvTranspose2d(inputs, Width(i - 1), 4, stride: 2, padding: 1, bias: bias)));
                layers.Add(("norm", TranslationNorm.Create(norm, Width(i - 1))));
                if (dropout && i >= 4 && i < depth - 1) layers.Add(("dropout", Dropout(0.5)));
            }
            up.Add(Sequential(layers));
        }
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>Down layers for a side: log₂ side, so the innermost map is 1×1 (8 at 256, as the paper).</summary>
    public static int Depth(int side)
    {
        if (side < 8 || (side & (side - 1)) != 0) throw new GanSharpException($"the U-Net needs a power of two of at least 8 for --resolution, got {side} (32, 64, 128, 256)");
        return (int)Math.Log2(side);
    }

    /// <summary>x (N, C_in, S, S) in [−1, 1] → (N, C_out, S, S) in [−1, 1].</summary>
    public override Tensor forward(Tensor x)
    {
        var skips = new List<Tensor>();
        foreach (var layer in down)
        {
            x = layer.forward(x);
            skips.Add(x);
        }
        var y = up[^1].forward(skips[^1]);
        for (int i = up.Count - 2; i >= 0; i--)
            y = up[i].forward(cat(new[] { skips[i], y }, 1));
        return y;
    }
}
