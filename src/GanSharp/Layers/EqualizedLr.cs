using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Layers;

/// <summary>
/// Equalised learning rate (Karras et al. 2018, ProGAN, section 4.1): weights are stored as N(0, 1)
/// and scaled at run time by He's constant c = gain / sqrt(fan-in) (times a learning-rate multiplier,
/// StyleGAN's 0.01 for the mapping network, which also divides the stored weights' scale), so Adam's
/// per-parameter step sizes act on every layer alike whatever its fan-in.
/// </summary>
public sealed class EqualizedLinear : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Parameter weight;
    private readonly TorchSharp.Modules.Parameter? bias;
    private readonly double biasScale;

    /// <summary>The run-time scale of the stored weights, lrMultiplier · gain / sqrt(fan-in).</summary>
    public double Scale { get; }

    public EqualizedLinear(long inFeatures, long outFeatures, bool hasBias = true, double gain = 1.4142135623730951, double lrMultiplier = 1, double biasInit = 0)
        : base(nameof(EqualizedLinear))
    {
        weight = nn.Parameter(randn(outFeatures, inFeatures) / lrMultiplier);
        if (hasBias) bias = nn.Parameter(full(outFeatures, biasInit / lrMultiplier));
        Scale = lrMultiplier * gain / Math.Sqrt(inFeatures);
        biasScale = lrMultiplier;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => linear(x, weight * Scale, bias is null ? null : bias * biasScale);
}

/// <summary>A 2-D convolution with an equalised learning rate (see <see cref="EqualizedLinear"/>), "same" padding unless told.</summary>
public sealed class EqualizedConv2d : nn.Module<Tensor, Tensor>, Runtime.IConvolutionLayer
{
    private readonly TorchSharp.Modules.Parameter weight;
    private readonly TorchSharp.Modules.Parameter? bias;
    private readonly long padding;

    /// <summary>The run-time scale of the stored weights, gain / sqrt(in · k · k).</summary>
    public double Scale { get; }

    public EqualizedConv2d(long inChannels, long outChannels, long kernel, bool hasBias = true, double gain = 1.4142135623730951, long? padding = null) : base(nameof(EqualizedConv2d))
    {
        weight = nn.Parameter(randn(outChannels, inChannels, kernel, kernel));
        if (hasBias) bias = nn.Parameter(zeros(outChannels));
        Scale = gain / Math.Sqrt(inChannels * kernel * kernel);
        this.padding = padding ?? kernel / 2;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => conv2d(x, weight * Scale, bias, padding: new[] { padding, padding });
}
