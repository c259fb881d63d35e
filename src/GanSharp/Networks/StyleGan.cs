using GanSharp.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// StyleGAN2's generator (Karras et al. 2020, figure 7, "skip" configuration; seed 002): the mapping
/// network turns z into w; synthesis starts from a learned constant 4×4 input and runs, per stage,
/// modulated 3×3 convolutions (the first of each later stage upsampling ×2) with per-pixel noise;
/// every stage adds its 1×1 toRGB output to the upsampled image of the stages before. Each layer
/// reads its own w (<see cref="StyleCount"/> of them), which is what style mixing and the
/// coarse / middle / fine grids change. Stages and channels are ProGAN's (<see cref="ProGanShape"/>).
/// The running mean of w (<see cref="MeanW"/>, a buffer, so checkpoints and the EMA copy carry it)
/// is the centre of truncation in W. Noise comes from <see cref="LayerNoise"/> when the recipe sets
/// it (training); otherwise from constant per-layer maps (buffers): pictures and metrics repeat.
/// Checkpoint keys: mapping, input, convs (each with its noise_const), to_rgb, w_average, path_length_mean.
/// </summary>
public sealed class StyleGanGenerator : Module<Tensor, Tensor>
{
    private readonly MappingNetwork mapping;
    private readonly Parameter input;
    private readonly ModuleList<ModulatedConv2d> convs;     // stage 0: one; every later stage: an upsampling one, then one
    private readonly ModuleList<ModulatedConv2d> to_rgb;    // one per stage
    private readonly Tensor w_average, path_length_mean;

    public ProGanShape Shape { get; }

    /// <summary>How many w the synthesis reads: one per convolution, and one more for the last toRGB.</summary>
    public int StyleCount => (int)convs.Count + 1;

    public int StyleSize => mapping.StyleSize;

    /// <summary>The stream per-pixel noise is drawn from; null = the constant maps.</summary>
    public torch.Generator? LayerNoise { get; set; }

    public StyleGanGenerator(ProGanShape shape, int latentSize, int styleSize, int mappingDepth, double mappingLr, int channels) : base(nameof(StyleGanGenerator))
    {
        Shape = shape;
        mapping = new MappingNetwork(latentSize, styleSize, mappingDepth, mappingLr);
        int c0 = shape.ChannelsAt(0);
        input = Parameter(randn(1, c0, 4, 4));
        var layers = new List<ModulatedConv2d> { new(c0, c0, 3, styleSize, noiseSide: 4) };
        var rgb = new List<ModulatedConv2d> { ToRgb(c0, channels, styleSize) };
        for (int s = 1; s <= shape.Last; s++)
        {
            int cin = shape.ChannelsAt(s - 1), c = shape.ChannelsAt(s);
            layers.Add(new ModulatedConv2d(cin, c, 3, styleSize, upsample: true, noiseSide: shape.Side(s)));
            layers.Add(new ModulatedConv2d(c, c, 3, styleSize, noiseSide: shape.Side(s)));
            rgb.Add(ToRgb(c, channels, styleSize));
        }
        convs = new ModuleList<ModulatedConv2d>(layers.ToArray());
        to_rgb = new ModuleList<ModulatedConv2d>(rgb.ToArray());
        w_average = zeros(styleSize);
        path_length_mean = zeros(1);
        RegisterComponents();
    }

    private static ModulatedConv2d ToRgb(int c, int channels, int styleSize) => new(c, channels, 1, styleSize, demodulate: false, activate: false);

    /// <summary>The stage whose layers style i drives: 0, then 1, 1, 2, 2, … (the last also drives the last toRGB).</summary>
    public int StageOfStyle(int i) => Math.Min(Shape.Last, (i + 1) / 2);

    /// <summary>z (N, L) → images (N, C, R, R), one w for every layer.</summary>
    public override Tensor forward(Tensor z) => Synthesis(Broadcast(Map(z)));

    /// <summary>z (N, L) → w (N, styleSize).</summary>
    public Tensor Map(Tensor z) => mapping.forward(z);

    /// <summary>w (N, S) → (N, StyleCount, S): the same w for every layer.</summary>
    public Tensor Broadcast(Tensor w) => w.unsqueeze(1).expand(-1, StyleCount, -1);

    /// <summary>The running mean of w over training (StyleGAN's w̄, the centre of truncation).</summary>
    public Tensor MeanW => w_average;

    /// <summary>The running mean of the path lengths that path-length regularisation pulls towards (StyleGAN2's a).</summary>
    public Tensor PathLengthMean => path_length_mean;

    /// <summary>w̄ ← w̄ + (1 − β)(mean of the batch's w − w̄), as StyleGAN tracks it in training (β = 0.995).</summary>
    public void TrackMeanW(Tensor w, double decay)
    {
        using var _ = no_grad();
        w_average.add_((w.detach().mean(new long[] { 0 }) - w_average) * (1 - decay));
    }

    /// <summary>Truncation in W (StyleGAN, section 3.2): w̄ + ψ (w − w̄); ψ = 0 is w̄ itself, 1 leaves w alone.</summary>
    public Tensor Truncate(Tensor w, double psi) => w_average + psi * (w - w_average);

    /// <summary>ws (N, StyleCount, S) → images: the constant input through every stage, toRGB outputs summed upwards.</summary>
    public Tensor Synthesis(Tensor ws)
    {
        if (ws.dim() != 3 || ws.shape[1] != StyleCount)
            throw new ArgumentException($"the synthesis network reads {StyleCount} styles, got a tensor of shape [{string.Join(", ", ws.shape)}]");
        long n = ws.shape[0];
        var x = Convolve(0, input.expand(n, -1, -1, -1), ws);
        var image = to_rgb[0].forward(x, ws.select(1, 1));
        for (int s = 1; s <= Shape.Last; s++)
        {
            x = Convolve(2 * s, Convolve(2 * s - 1, x, ws), ws);
            image = functional.interpolate(image, scale_factor: new[] { 2.0, 2.0 }, mode: InterpolationMode.Bilinear, align_corners: false)
                    + to_rgb[s].forward(x, ws.select(1, 2 * s + 1));
        }
        return image;
    }

    /// <summary>Convolution i on x with its style ws[:, i] and its noise: fresh from <see cref="LayerNoise"/>, or the layer's constant map.</summary>
    private Tensor Convolve(int i, Tensor x, Tensor ws)
    {
        var map = convs[i].ConstantNoise!;
        var noise = LayerNoise is null ? map
            : randn(new[] { x.shape[0], 1, map.shape[2], map.shape[3] }, generator: LayerNoise).to(map.dtype, map.device);
        return convs[i].Forward(x, ws.select(1, i), noise);
    }
}

/// <summary>
/// StyleGAN2's discriminator (Karras et al. 2020, figure 7): a 1×1 fromRGB at the resolution, then per
/// stage two 3×3 convolutions and a 2×2 average pool; "resnet" adds a pooled 1×1 skip beside each
/// stage and scales the sum by 1/√2, "orig" has no skips (StyleGAN2-ADA's CIFAR-10 setting). At 4×4
/// the minibatch standard deviation over groups of <c>stddevGroup</c>, a 3×3 convolution, a fully
/// connected layer and the score. Equalised learning rate, LeakyReLU 0.2, no normalisation.
/// Checkpoint keys: from_rgb, blocks, skips (empty for orig), final, dense, score.
/// </summary>
public sealed class StyleGanDiscriminator : Discriminator
{
    /// <summary>The architectures of StyleGAN2's D this class builds.</summary>
    public static IReadOnlyList<string> Architectures { get; } = new[] { "resnet", "orig" };

    private readonly EqualizedConv2d from_rgb;
    private readonly ModuleList<Sequential> blocks;           // blocks[i] takes stage Last − i to Last − i − 1
    private readonly ModuleList<Sequential> skips;
    private readonly Sequential final;
    private readonly EqualizedLinear dense, score;

    public StyleGanDiscriminator(ProGanShape shape, int channels, string architecture = "resnet", int stddevGroup = 4) : base(nameof(StyleGanDiscriminator))
    {
        if (!Architectures.Contains(architecture)) throw new GanSharpException($"--d-architecture is one of {string.Join(", ", Architectures)}, not {architecture}");
        from_rgb = new EqualizedConv2d(channels, shape.ChannelsAt(shape.Last), 1);
        var body = new List<Sequential>();
        var shortcut = new List<Sequential>();
        for (int s = shape.Last; s >= 1; s--)
        {
            int c = shape.ChannelsAt(s), cout = shape.ChannelsAt(s - 1);
            body.Add(Sequential(("conv1", new EqualizedConv2d(c, c, 3)), ("act1", new ProGanActivation()),
                ("conv2", new EqualizedConv2d(c, cout, 3)), ("act2", new ProGanActivation()), ("pool", AvgPool2d(2))));
            if (architecture == "resnet")
                shortcut.Add(Sequential(("pool", AvgPool2d(2)), ("conv", new EqualizedConv2d(c, cout, 1, hasBias: false, gain: 1))));
        }
        blocks = new ModuleList<Sequential>(body.ToArray());
        skips = new ModuleList<Sequential>(shortcut.ToArray());
        int c0 = shape.ChannelsAt(0);
        final = Sequential(("minibatch_stddev", new MinibatchStdDev(stddevGroup)), ("conv", new EqualizedConv2d(c0 + 1, c0, 3)), ("act", new ProGanActivation()));
        dense = new EqualizedLinear(c0 * 16, c0);
        score = new EqualizedLinear(c0, 1, gain: 1);
        RegisterComponents();
    }

    /// <summary>images (N, C, R, R) → features (N, c0) before the score.</summary>
    public override Tensor Features(Tensor x)
    {
        var h = ProGanActivation.Apply(from_rgb.forward(x));
        for (int i = 0; i < blocks.Count; i++)
            h = skips.Count == 0 ? blocks[i].forward(h) : (blocks[i].forward(h) + skips[i].forward(h)) * Math.Sqrt(0.5);
        return ProGanActivation.Apply(dense.forward(final.forward(h).flatten(1)));
    }

    public override Tensor Logits(Tensor features) => score.forward(features).view(-1);
}
