using GanSharp.Features;
using static TorchSharp.torch;

namespace GanSharp.Metrics;

/// <summary>
/// A learned perceptual distance in GanSharp's own features, after LPIPS (Zhang et al. 2018) without
/// its learned channel weights (their "baseline" variant): the feature network's deepest spatial
/// maps of both images, each position's channel vector scaled to unit length, the squared
/// difference summed over channels and averaged over positions, then over images. 0 for identical
/// images; at most 4 (opposite unit vectors). Float64 from the network's float32 maps.
/// </summary>
public static class PerceptualDistance
{
    public static double Of(FeatureNetwork net, Tensor images, Tensor targets, int batchSize = 200)
    {
        using var distances = PerImage(net, images, targets, batchSize);
        return distances.mean().item<double>();
    }

    /// <summary>The distance of every image to its target, (N) in float64.</summary>
    public static Tensor PerImage(FeatureNetwork net, Tensor images, Tensor targets, int batchSize = 200)
    {
        if (!images.shape.SequenceEqual(targets.shape)) throw new ArgumentException($"images ({string.Join(", ", images.shape)}) and targets ({string.Join(", ", targets.shape)}) differ in shape");
        net.eval();
        using var _ = no_grad();
        var parts = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            long n = Math.Min(batchSize, images.shape[0] - start);
            var a = Normalised(net.Maps(images.narrow(0, start, n)));
            var b = Normalised(net.Maps(targets.narrow(0, start, n)));
            parts.Add(a.sub(b).square().sum(new long[] { 1 }).mean(new long[] { 1, 2 }).MoveToOuterDisposeScope());
        }
        return cat(parts, 0);
    }

    /// <summary>(N, C, H, W) maps in float64 with every position's C-vector of unit length (a zero vector stays zero).</summary>
    private static Tensor Normalised(Tensor maps)
    {
        var m = maps.to_type(ScalarType.Float64);
        return m / m.square().sum(new long[] { 1 }, keepdim: true).sqrt().clamp_min(1e-10);
    }
}
