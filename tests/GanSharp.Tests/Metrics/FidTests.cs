using GanSharp.Metrics;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Metrics;

public sealed class FidTests
{
    private static Tensor RandomSpd(int d, Generator g)
    {
        var a = randn(new long[] { d, d }, dtype: ScalarType.Float64, generator: g);
        return a.matmul(a.t()) / d + 0.1 * eye(d, dtype: ScalarType.Float64);
    }

    [Fact]
    public void DiagonalCovariances_MatchTheClosedForm()
    {
        using var g = new Generator(1);
        const int d = 64;
        var mu1 = randn(new long[] { d }, dtype: ScalarType.Float64, generator: g);
        var mu2 = randn(new long[] { d }, dtype: ScalarType.Float64, generator: g);
        var s1 = rand(new long[] { d }, dtype: ScalarType.Float64, generator: g) + 0.5;
        var s2 = rand(new long[] { d }, dtype: ScalarType.Float64, generator: g) * 3;
        // ‖μ₁ − μ₂‖² + Σ (√σ₁ − √σ₂)² for commuting (diagonal) covariances.
        double expected = (mu1 - mu2).square().sum().item<double>() + (s1.sqrt() - s2.sqrt()).square().sum().item<double>();
        var fid = Fid.Compute(new Gaussian(mu1, diag(s1), 10_000), new Gaussian(mu2, diag(s2), 10_000));
        Assert.Equal(expected, fid.Value, expected * 1e-6);
        Assert.Null(fid.Warning);
    }

    [Fact]
    public void FullCovariances_MatchAnIndependentEigenvalueComputation()
    {
        using var g = new Generator(2);
        const int d = 64;
        var mu1 = randn(new long[] { d }, dtype: ScalarType.Float64, generator: g);
        var mu2 = randn(new long[] { d }, dtype: ScalarType.Float64, generator: g);
        var s1 = RandomSpd(d, g);
        var s2 = RandomSpd(d, g);
        // Truth from MathNet: tr (Σ₁Σ₂)^½ = Σ √λᵢ(Σ₁Σ₂), eigenvalues of a general (non-symmetric) matrix.
        Matrix<double> M(Tensor t) => Matrix<double>.Build.DenseOfRowMajor(d, d, t.contiguous().data<double>().ToArray());
        var product = M(s1) * M(s2);
        double traceSqrt = product.Evd().EigenValues.Sum(l => Math.Sqrt(Math.Max(l.Real, 0)));
        double expected = (mu1 - mu2).square().sum().item<double>() + M(s1).Trace() + M(s2).Trace() - 2 * traceSqrt;
        double actual = Fid.Compute(new Gaussian(mu1, s1, 10_000), new Gaussian(mu2, s2, 10_000)).Value;
        Assert.Equal(expected, actual, expected * 1e-6);
    }

    [Fact]
    public void SameFeatures_GiveZero_AndTheDistanceIsSymmetric()
    {
        using var g = new Generator(3);
        var x = randn(new long[] { 500, 16 }, generator: g);
        var y = randn(new long[] { 500, 16 }, generator: g) * 1.5 + 0.3;
        Assert.Equal(0.0, Fid.Compute(Gaussian.Fit(x), Gaussian.Fit(x)).Value, 9);
        Assert.Equal(Fid.Compute(Gaussian.Fit(x), Gaussian.Fit(y)).Value, Fid.Compute(Gaussian.Fit(y), Gaussian.Fit(x)).Value, 9);
    }

    [Fact]
    public void FewerSamplesThanDimensions_WarnsInsteadOfCrashing()
    {
        using var g = new Generator(4);
        var r = Fid.Compute(Gaussian.Fit(randn(new long[] { 10, 32 }, generator: g)), Gaussian.Fit(randn(new long[] { 10, 32 }, generator: g)));
        Assert.True(double.IsFinite(r.Value));
        Assert.Contains("singular", r.Warning);
    }
}
