using GanSharp.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// StyleGAN's mapping network (Karras et al. 2019, section 2): z normalised to unit root mean square,
/// then an MLP of <c>depth</c> equalised-lr layers with LeakyReLU 0.2 · √2 to w. Its learning rate
/// is 100 times lower than the synthesis network's (lr multiplier 0.01), as in the paper, so W
/// settles slowly into a less entangled space than Z.
/// </summary>
public sealed class MappingNetwork : Module<Tensor, Tensor>
{
    private readonly PixelNorm normalise = new();
    private readonly ModuleList<EqualizedLinear> layers;

    public int StyleSize { get; }

    public MappingNetwork(int latentSize, int styleSize, int depth, double lrMultiplier = 0.01) : base(nameof(MappingNetwork))
    {
        if (depth < 1) throw new GanSharpException($"--mapping-depth must be at least 1, got {depth}");
        StyleSize = styleSize;
        layers = new ModuleList<EqualizedLinear>(Enumerable.Range(0, depth)
            .Select(i => new EqualizedLinear(i == 0 ? latentSize : styleSize, styleSize, lrMultiplier: lrMultiplier)).ToArray());
        RegisterComponents();
    }

    /// <summary>z (N, L) → w (N, styleSize).</summary>
    public override Tensor forward(Tensor z)
    {
        var h = normalise.forward(z);
        foreach (var layer in layers) h = functional.leaky_relu(layer.forward(h), 0.2) * Math.Sqrt(2);
        return h;
    }
}
