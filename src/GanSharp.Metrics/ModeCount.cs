using GanSharp.Features;
using GanSharp.Data;
using static TorchSharp.torch;

namespace GanSharp.Metrics;

/// <summary>
/// Modes of stacked Fashion-MNIST samples: each of the three channels is classified by the
/// feature network, giving one of 1,000 label triples; reported are the number of triples hit and
/// KL(p_generated ‖ uniform) = Σ p log(1000 p) over the triples (0 for a perfectly balanced model).
/// </summary>
public static class ModeCount
{
    public sealed record Result(int Modes, double KlToUniform, long Samples);

    public static Result Count(IFeatureExtractor net, Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != 3) throw new GanSharpException($"mode counting reads (N, 3, 28, 28) stacked images, got ({string.Join(", ", images.shape)})");
        using var scope = NewDisposeScope();
        var triple = zeros(images.shape[0], dtype: ScalarType.Int64);
        foreach (var (channel, weight) in new[] { (0L, 100L), (1L, 10L), (2L, 1L) })
        {
            var (_, p) = net.Extract(images.narrow(1, channel, 1).contiguous());
            triple = triple + weight * p.argmax(1);
        }
        return FromLabels(triple);
    }

    /// <summary>Modes and KL to uniform of a set of mode labels in [0, 1000).</summary>
    public static Result FromLabels(Tensor labels)
    {
        var histogram = bincount(labels, minlength: StackedFashionMnist.Modes).to_type(ScalarType.Float64);
        int modes = (int)histogram.gt(0).sum().item<long>();
        var p = histogram / histogram.sum();
        double kl = where(p > 0, p * (p * StackedFashionMnist.Modes).clamp_min(1e-300).log(), zeros_like(p)).sum().item<double>();
        return new Result(modes, kl, labels.shape[0]);
    }
}
