using static TorchSharp.torch;

namespace GanSharp.Layers;

/// <summary>
/// Pixelwise feature normalisation (Karras et al. 2018, ProGAN, section 4.2): each pixel's feature
/// vector divided by its root mean square over channels, b = a / sqrt(mean_c a² + ε), so G's
/// activations cannot escalate. Also normalises z in StyleGAN's mapping network (dim 1 of (N, L)).
/// </summary>
public sealed class PixelNorm(double eps = 1e-8) : nn.Module<Tensor, Tensor>(nameof(PixelNorm))
{
    /// <summary>(N, C, …) → the same shape, unit root mean square over C at every position.</summary>
    public override Tensor forward(Tensor x) => x * (x.square().mean(new long[] { 1 }, keepdim: true) + eps).rsqrt();
}
