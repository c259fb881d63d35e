using static TorchSharp.torch;

namespace GanSharp.Metrics;

/// <summary>
/// Perceptual path length (Karras et al. 2019, StyleGAN, section 4.2): how much the image changes,
/// perceptually, for a small step along an interpolation path in a latent space. For endpoint pairs
/// (a, b) and t ~ U(0, 1), the distance between the images at t and t + ε, divided by ε² (the
/// perceptual distance is a squared one), averaged over pairs after dropping those below the 1st and
/// above the 99th percentile (the paper's filter of outliers). A space in which images morph smoothly
/// has a short path; sudden changes along the path (features appearing out of nothing) lengthen it.
/// </summary>
public static class PerceptualPathLength
{
    /// <summary>The paper's step ε.</summary>
    public const double Epsilon = 1e-4;

    /// <summary>The per-pair lengths (in float64) and their mean between the 1st and 99th percentiles.</summary>
    public sealed record Result(double Mean, int Pairs, int Kept, double[] Lengths);

    /// <param name="starts">path starts (N, d)</param>
    /// <param name="ends">path ends (N, d)</param>
    /// <param name="interpolate">a, b (n, d) and t (n) → the points (n, d) of each row's path at its t</param>
    /// <param name="generate">points (n, d) → images</param>
    /// <param name="distance">two image batches → the distance of each pair, (n)</param>
    /// <param name="g">the stream the t are drawn from</param>
    public static Result Measure(Tensor starts, Tensor ends, Func<Tensor, Tensor, Tensor, Tensor> interpolate, Func<Tensor, Tensor> generate,
        Func<Tensor, Tensor, Tensor> distance, Generator g, double epsilon = Epsilon, int batchSize = 100)
    {
        if (!starts.shape.SequenceEqual(ends.shape) || starts.dim() != 2) throw new ArgumentException("path starts and ends must be two (N, d) batches of the same shape");
        if (!(epsilon > 0)) throw new ArgumentException($"the step ε must be positive, got {epsilon}");
        long n = starts.shape[0];
        using var t = rand(n, dtype: ScalarType.Float64, generator: g);
        var lengths = new double[n];
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            long m = Math.Min(batchSize, n - start);
            var a = starts.narrow(0, start, m);
            var b = ends.narrow(0, start, m);
            var ts = t.narrow(0, start, m).to(a.dtype);
            var images = generate(cat(new[] { interpolate(a, b, ts), interpolate(a, b, ts + epsilon) }, 0));
            var d = distance(images.narrow(0, 0, m), images.narrow(0, m, m)).to_type(ScalarType.Float64) / (epsilon * epsilon);
            d.cpu().data<double>().CopyTo(lengths, (int)start);
        }
        double lo = Percentile(lengths, 1), hi = Percentile(lengths, 99);
        var kept = lengths.Where(v => v >= lo && v <= hi).ToArray();
        return new Result(kept.Average(), (int)n, kept.Length, lengths);
    }

    /// <summary>The p-th percentile with linear interpolation between order statistics (numpy's default, which the paper's code uses).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) throw new ArgumentException("no values");
        var sorted = values.Order().ToArray();
        double rank = p / 100 * (sorted.Length - 1);
        int below = (int)Math.Floor(rank);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
