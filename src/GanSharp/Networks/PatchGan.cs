using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// The PatchGAN discriminator of pix2pix and CycleGAN (junyanz's NLayerDiscriminator): 4×4
/// convolutions, <c>layers</c> of stride 2 then one of stride 1 and a stride-1 one to one logit per
/// patch, widths ndf·(1, 2, 4, 8, 8 …), LeakyReLU 0.2, norm on all but the first and the last. With
/// 3 layers every logit sees a 70×70 patch of its input, which is what "70×70 PatchGAN" names.
/// </summary>
public sealed class PatchGanDiscriminator : Module<Tensor, Tensor>
{
    private readonly Sequential net;

    public PatchGanDiscriminator(int inputChannels, int width = 64, int layers = 3, string norm = "batch") : base(nameof(PatchGanDiscriminator))
    {
        if (layers < 1) throw new GanSharpException($"a PatchGAN needs at least 1 strided layer, got {layers}");
        bool bias = TranslationNorm.ConvBias(norm);
        long Width(int i) => (long)width * Math.Min(1 << i, 8);
        var list = new List<(string, Module<Tensor, Tensor>)>
        {
            ("conv0", Conv2d(inputChannels, width, 4, stride: 2, padding: 1)), ("lrelu0", LeakyReLU(0.2)),
        };
        for (int i = 1; i <= layers; i++)
        {
            list.Add(($"conv{i}", Conv2d(Width(i - 1), Width(i), 4, stride: i < layers ? 2 : 1, padding: 1, bias: bias)));
            list.Add(($"norm{i}", TranslationNorm.Create(norm, Width(i))));
            list.Add(($"lrelu{i}", LeakyReLU(0.2)));
        }
        list.Add(("logits", Conv2d(Width(layers), 1, 4, stride: 1, padding: 1)));
        net = Sequential(list);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>Logits per side for a side×side input: ⌊side / 2^layers⌋ after the strided convolutions, less one for each stride-1 layer.</summary>
    public static int PatchesPerSide(int side, int layers) => (side >> layers) - 2;

    /// <summary>images (N, C, H, W) → patch logits (N, 1, H', W').</summary>
    public override Tensor forward(Tensor x) => net.forward(x);
}
