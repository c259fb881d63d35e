using static TorchSharp.torch;

namespace GanSharp.Metrics;

/// <summary>A Gaussian fitted to features: mean (d) and covariance (d, d) in float64, and the sample count.</summary>
public sealed record Gaussian(Tensor Mean, Tensor Covariance, long Count)
{
    /// <summary>Maximum-likelihood-free, unbiased fit (covariance divides by N − 1) of features (N, d).</summary>
    public static Gaussian Fit(Tensor features)
    {
        if (features.dim() != 2) throw new ArgumentException($"features must be (N, d), got ({string.Join(", ", features.shape)})");
        long n = features.shape[0];
        if (n < 2) throw new GanSharpException($"a Gaussian needs at least 2 samples, got {n}");
        var x = features.to_type(ScalarType.Float64);
        var mean = x.mean(new long[] { 0 });
        var centred = x - mean;
        var covariance = centred.t().matmul(centred) / (n - 1);
        return new Gaussian(mean, covariance, n);
    }

    public long Dimension => Mean.shape[0];
}
