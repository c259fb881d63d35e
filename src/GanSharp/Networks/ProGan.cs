using GanSharp.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// The stages of progressive growing (Karras et al. 2018, ProGAN; seed 002): stage s works at
/// 4·2^s pixels, from 4×4 up to the resolution; its channels are width·2^(last − s), at most
/// <see cref="MaxChannels"/> (the paper: 512 up to 32×32, then halving to 16 at 1024×1024).
/// </summary>
public sealed record ProGanShape(int Resolution, int Width, int MaxChannels)
{
    /// <summary>Index of the last stage: the resolution is 4·2^Last.</summary>
    public int Last => DcganShape.Of(Resolution) is (4, var k) ? k
        : throw new GanSharpException($"progressive growing starts at 4×4 and doubles: --resolution {Resolution} is not 4·2^k (8, 16, 32, 64, 128)");

    public int Side(int stage) => 4 << stage;

    public int ChannelsAt(int stage) => Math.Min(MaxChannels, Width << (Last - stage));
}

/// <summary>Leaky ReLU 0.2 after an equalised-lr layer (ProGAN's activation everywhere but the outputs).</summary>
internal sealed class ProGanActivation() : Module<Tensor, Tensor>("LeakyReLU")
{
    public static Tensor Apply(Tensor x) => functional.leaky_relu(x, 0.2);

    public override Tensor forward(Tensor x) => Apply(x);
}

/// <summary>
/// ProGAN's generator (Karras et al. 2018, table 2): z normalised, a 4×4 block, then per stage
/// nearest ×2 and two 3×3 convolutions, each followed by LeakyReLU 0.2 and pixel norm; a 1×1 toRGB
/// per stage with a linear output. While stage s fades in, the image is
/// (1 − α) · upsample(toRGB_{s−1}(h_{s−1})) + α · toRGB_s(block_s(h_{s−1})) (section 3, figure 2).
/// Checkpoint keys: blocks, to_rgb.
/// </summary>
public sealed class ProGanGenerator : Module<Tensor, Tensor>
{
    private readonly ModuleList<Sequential> blocks;
    private readonly ModuleList<EqualizedConv2d> to_rgb;
    private readonly EqualizedLinear project;
    private readonly ProGanShape shape;
    private readonly PixelNorm norm = new();

    /// <summary>The stage <see cref="forward"/> draws at and its fade-in α (1 = the stage alone); the recipe sets them from the step.</summary>
    public (int Stage, double Alpha) Growth { get; set; }

    public ProGanGenerator(ProGanShape shape, int latentSize, int channels) : base(nameof(ProGanGenerator))
    {
        this.shape = shape;
        int c0 = shape.ChannelsAt(0);
        project = new EqualizedLinear(latentSize, c0 * 16, gain: Math.Sqrt(2) / 4);   // the paper's 4×4 "conv" on a 1×1 input, per output pixel
        var list = new List<Sequential> { Sequential(("conv", new EqualizedConv2d(c0, c0, 3)), ("act", new ProGanActivation()), ("norm", new PixelNorm())) };
        for (int s = 1; s <= shape.Last; s++)
        {
            int cin = shape.ChannelsAt(s - 1), c = shape.ChannelsAt(s);
            list.Add(Sequential(("up", new Upsample()), ("conv1", new EqualizedConv2d(cin, c, 3)), ("act1", new ProGanActivation()), ("norm1", new PixelNorm()),
                ("conv2", new EqualizedConv2d(c, c, 3)), ("act2", new ProGanActivation()), ("norm2", new PixelNorm())));
        }
        blocks = new ModuleList<Sequential>(list.ToArray());
        to_rgb = new ModuleList<EqualizedConv2d>(Enumerable.Range(0, shape.Last + 1).Select(s => new EqualizedConv2d(shape.ChannelsAt(s), channels, 1, gain: 1)).ToArray());
        Growth = (shape.Last, 1);
        RegisterComponents();
    }

    /// <summary>z (N, L) → images (N, C, 4·2^s, 4·2^s) at the current stage and α.</summary>
    public override Tensor forward(Tensor z) => Generate(z, Growth.Stage, Growth.Alpha);

    public Tensor Generate(Tensor z, int stage, double alpha)
    {
        var h = norm.forward(ProGanActivation.Apply(project.forward(norm.forward(z))).view(z.shape[0], -1, 4, 4));
        h = blocks[0].forward(h);
        for (int s = 1; s < stage; s++) h = blocks[s].forward(h);
        if (stage == 0) return to_rgb[0].forward(h);
        var image = to_rgb[stage].forward(blocks[stage].forward(h));
        if (alpha >= 1) return image;
        var old = Upsample.Twice(to_rgb[stage - 1].forward(h));
        return old + alpha * (image - old);
    }

    /// <summary>The toRGB layer of a stage (what fading in replaces).</summary>
    public EqualizedConv2d ToRgb(int stage) => to_rgb[stage];
}

/// <summary>Nearest-neighbour ×2 (ProGAN's upsampling in G, and of the fading-out image).</summary>
internal sealed class Upsample() : Module<Tensor, Tensor>(nameof(Upsample))
{
    public static Tensor Twice(Tensor x) => functional.interpolate(x, scale_factor: new[] { 2.0, 2.0 }, mode: InterpolationMode.Nearest);

    public override Tensor forward(Tensor x) => Twice(x);
}

/// <summary>
/// ProGAN's discriminator, G's mirror: a 1×1 fromRGB per stage, per stage two 3×3 convolutions and a
/// 2×2 average pool, and at 4×4 the minibatch standard deviation, a 3×3 and a 4×4 convolution and a
/// linear map to the score; no normalisation (WGAN-GP). While stage s fades in its input is
/// (1 − α) · fromRGB_{s−1}(avgpool(x)) + α · block_s(fromRGB_s(x)). Checkpoint keys: from_rgb, blocks, final.
/// </summary>
public sealed class ProGanDiscriminator : Discriminator
{
    private readonly ModuleList<EqualizedConv2d> from_rgb;
    private readonly ModuleList<Sequential> blocks;       // blocks[s] takes stage s to s − 1; blocks[0] is unused (the final block)
    private readonly Sequential final;
    private readonly EqualizedLinear score;

    public (int Stage, double Alpha) Growth { get; set; }

    public ProGanDiscriminator(ProGanShape shape, int channels) : base(nameof(ProGanDiscriminator))
    {
        from_rgb = new ModuleList<EqualizedConv2d>(Enumerable.Range(0, shape.Last + 1).Select(s => new EqualizedConv2d(channels, shape.ChannelsAt(s), 1)).ToArray());
        var list = new List<Sequential> { Sequential(("identity", Identity())) };
        for (int s = 1; s <= shape.Last; s++)
        {
            int c = shape.ChannelsAt(s), cout = shape.ChannelsAt(s - 1);
            list.Add(Sequential(("conv1", new EqualizedConv2d(c, c, 3)), ("act1", new ProGanActivation()), ("conv2", new EqualizedConv2d(c, cout, 3)), ("act2", new ProGanActivation()), ("pool", AvgPool2d(2))));
        }
        blocks = new ModuleList<Sequential>(list.ToArray());
        int c0 = shape.ChannelsAt(0);
        final = Sequential(("minibatch_stddev", new MinibatchStdDev()), ("conv", new EqualizedConv2d(c0 + 1, c0, 3)), ("act", new ProGanActivation()),
            ("conv4x4", new EqualizedConv2d(c0, c0, 4, padding: 0)), ("act4x4", new ProGanActivation()));
        score = new EqualizedLinear(c0, 1, gain: 1);
        Growth = (shape.Last, 1);
        RegisterComponents();
    }

    /// <summary>images (N, C, 4·2^s, 4·2^s) at the current stage → features (N, c) before the score.</summary>
    public override Tensor Features(Tensor x) => Features(x, Growth.Stage, Growth.Alpha);

    public Tensor Features(Tensor x, int stage, double alpha)
    {
        var h = ProGanActivation.Apply(from_rgb[stage].forward(x));
        if (stage > 0)
        {
            h = blocks[stage].forward(h);
            if (alpha < 1)
            {
                var old = ProGanActivation.Apply(from_rgb[stage - 1].forward(functional.avg_pool2d(x, 2)));
                h = old + alpha * (h - old);
            }
        }
        for (int s = stage - 1; s >= 1; s--) h = blocks[s].forward(h);
        return final.forward(h).flatten(1);
    }

    public override Tensor Logits(Tensor features) => score.forward(features).view(-1);

    public EqualizedConv2d FromRgb(int stage) => from_rgb[stage];
}
