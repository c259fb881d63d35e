using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Layers;

/// <summary>
/// StyleGAN2's modulated convolution (Karras et al. 2020, section 2.2): each sample's style s scales
/// the input channels of the weights, w'_oik = s_i w_oik, and demodulation rescales each output
/// channel to unit norm, w''_oik = w'_oik / sqrt(Σ_ik w'²_oik + ε), which replaces AdaIN's
/// instance norm without its droplet artefacts.
/// Weights are stored N(0, 1) with an equalised learning rate; the style comes from w through an
/// affine map whose bias starts at 1 (styles near 1 at first). Then per-pixel noise, scaled by a
/// learned per-layer strength that starts at 0, a bias and LeakyReLU 0.2 · √2.
/// </summary>
public sealed class ModulatedConv2d : nn.Module<Tensor, Tensor, Tensor>, Runtime.IConvolutionLayer
{
    private readonly TorchSharp.Modules.Parameter weight, bias, noise_strength;
    private readonly EqualizedLinear affine;
    private readonly bool demodulate, upsample, activate;
    private readonly double scale;

    public long InChannels { get; }
    public long OutChannels { get; }

    /// <summary>The fixed noise map (1, 1, side, side) of a layer built with a noise side, for repeatable pictures (StyleGAN2's noise_const); else null.</summary>
    public Tensor? ConstantNoise => get_buffer("noise_const");      // null when the layer was built without one

    /// <param name="activate">false for the 1×1 toRGB layers: no noise, no activation, no demodulation</param>
    /// <param name="noiseSide">side of the output, to keep a constant noise map of (a buffer); 0 = none</param>
    public ModulatedConv2d(long inChannels, long outChannels, long kernel, int styleSize, bool demodulate = true, bool upsample = false, bool activate = true, long noiseSide = 0)
        : base(nameof(ModulatedConv2d))
    {
        (InChannels, OutChannels) = (inChannels, outChannels);
        (this.demodulate, this.upsample, this.activate) = (demodulate, upsample, activate);
        weight = nn.Parameter(randn(outChannels, inChannels, kernel, kernel));
        bias = nn.Parameter(zeros(outChannels));
        noise_strength = nn.Parameter(zeros(1));
        affine = new EqualizedLinear(styleSize, inChannels, gain: 1, biasInit: 1);
        scale = 1 / Math.Sqrt(inChannels * kernel * kernel);
        RegisterComponents();
        if (activate && noiseSide > 0) register_buffer("noise_const", randn(1, 1, noiseSide, noiseSide));
    }

    /// <summary>x (N, in, H, W) and w (N, styleSize) → (N, out, H', W'), without noise.</summary>
    public override Tensor forward(Tensor x, Tensor w) => Forward(x, w, null);

    /// <summary>
    /// The layer with the noise (N or 1, 1, H', W') its owner chose (none when null): the generator
    /// draws it from a seeded stream in training and keeps constant maps for pictures, so nothing
    /// here touches the global random generator.
    /// </summary>
    public Tensor Forward(Tensor x, Tensor w, Tensor? noise)
    {
        if (upsample) x = interpolate(x, scale_factor: new[] { 2.0, 2.0 }, mode: InterpolationMode.Bilinear, align_corners: false);
        var y = Convolve(x, affine.forward(w));
        if (!activate) return y + bias.view(1, -1, 1, 1);
        if (noise is not null) y = y + noise_strength * noise;
        y = y + bias.view(1, -1, 1, 1);
        return leaky_relu(y, 0.2) * Math.Sqrt(2);
    }

    /// <summary>
    /// The modulated (and demodulated) convolution of x (N, in, H, W) with styles (N, in), "same" padding.
    /// Computed as StyleGAN2's reference trains (its non-fused path): scaling x's input channels by the
    /// styles, one shared convolution for the batch, then each output channel by its demodulation
    /// coefficient 1 / sqrt(Σ_ik (s_i w_oik)² + ε) — equal to the per-sample weights w''_oik, and a plain
    /// batched convolution on a CPU instead of a grouped one with a group per sample.
    /// </summary>
    public Tensor Convolve(Tensor x, Tensor styles)
    {
        long n = x.shape[0], k = weight.shape[2];
        var w = weight * scale;
        var y = conv2d(x * styles.view(n, InChannels, 1, 1), w, padding: new[] { k / 2, k / 2 });
        if (!demodulate) return y;
        var coefficients = (styles.square().matmul(w.square().sum(new long[] { 2, 3 }).t()) + 1e-8).rsqrt();   // (N, out)
        return y * coefficients.view(n, OutChannels, 1, 1);
    }

    /// <summary>The stored weights (N(0, 1); the run-time scale is 1 / sqrt(in · k · k)).</summary>
    public Tensor Weight => weight;
}
