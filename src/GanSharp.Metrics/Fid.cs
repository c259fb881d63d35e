using static TorchSharp.torch;

namespace GanSharp.Metrics;

/// <summary>
/// Fréchet distance between two Gaussians (Heusel et al. 2017; seeds 003, 004):
/// ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^½ Σ₂ Σ₁^½)^½. The trace of the square root is taken from
/// symmetric eigendecompositions only — A = Σ₁^½ from eigh(Σ₁), then the eigenvalues of the
/// symmetric A Σ₂ A — never a general matrix square root, so it is stable and real. Float64.
/// </summary>
public static class Fid
{
    /// <summary>The distance, and a warning when a covariance is singular (fewer samples than dimensions).</summary>
    public sealed record Result(double Value, string? Warning);

    public static Result Compute(Gaussian a, Gaussian b)
    {
        if (a.Dimension != b.Dimension) throw new GanSharpException($"FID: feature dimensions differ ({a.Dimension} vs {b.Dimension})");
        using var scope = NewDisposeScope();
        var s1 = Symmetric(a.Covariance);
        var s2 = Symmetric(b.Covariance);
        var (l1, v1) = linalg.eigh(s1);
        var sqrtS1 = v1.matmul(diag(l1.clamp_min(0).sqrt())).matmul(v1.t());        // A = Σ₁^½
        var middle = Symmetric(sqrtS1.matmul(s2).matmul(sqrtS1));                     // A Σ₂ A, symmetric PSD
        double traceSqrt = linalg.eigvalsh(middle).clamp_min(0).sqrt().sum().item<double>();
        double meanTerm = (a.Mean.to_type(ScalarType.Float64) - b.Mean.to_type(ScalarType.Float64)).square().sum().item<double>();
        double value = meanTerm + s1.trace().item<double>() + s2.trace().item<double>() - 2 * traceSqrt;
        string? warning = a.Count <= a.Dimension || b.Count <= b.Dimension
            ? $"FID: {Math.Min(a.Count, b.Count)} samples for {a.Dimension} feature dimensions, so a covariance is singular; the value is biased — use more samples"
            : null;
        return new Result(Math.Max(value, 0), warning);
    }

    private static Tensor Symmetric(Tensor m)
    {
        var x = m.to_type(ScalarType.Float64);
        return (x + x.t()) / 2;
    }
}
