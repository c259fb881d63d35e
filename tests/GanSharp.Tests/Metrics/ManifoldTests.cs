using GanSharp.Metrics;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Metrics;

public sealed class ManifoldTests
{
    private static double Dist(Tensor a, int i, Tensor b, int j) =>
        Math.Sqrt(Enumerable.Range(0, (int)a.shape[1]).Sum(c => Math.Pow(a[i, c].item<double>() - b[j, c].item<double>(), 2)));

    private static double[] NaiveRadii(Tensor x, int k) =>
        Enumerable.Range(0, (int)x.shape[0]).Select(i =>
            Enumerable.Range(0, (int)x.shape[0]).Where(j => j != i).Select(j => Dist(x, i, x, j)).Order().ElementAt(k - 1)).ToArray();

    private static (Tensor Real, Tensor Fake) Sets()
    {
        using var g = new Generator(9);
        return (randn(new long[] { 30, 4 }, dtype: ScalarType.Float64, generator: g),
                randn(new long[] { 25, 4 }, dtype: ScalarType.Float64, generator: g) * 1.3 + 0.4);
    }

    [Fact]
    public void PrecisionAndRecall_MatchNaiveLoops()
    {
        var (x, y) = Sets();
        var rx = NaiveRadii(x, 3);
        var ry = NaiveRadii(y, 3);
        double precision = Enumerable.Range(0, 25).Count(j => Enumerable.Range(0, 30).Any(i => Dist(y, j, x, i) <= rx[i])) / 25.0;
        double recall = Enumerable.Range(0, 30).Count(i => Enumerable.Range(0, 25).Any(j => Dist(x, i, y, j) <= ry[j])) / 30.0;
        var r = Manifold.ComputePrecisionRecall(x, y, 3);
        Assert.Equal(precision, r.Precision, 12);
        Assert.Equal(recall, r.Recall, 12);
    }

    [Fact]
    public void DensityAndCoverage_MatchNaiveLoops()
    {
        var (x, y) = Sets();
        var rx = NaiveRadii(x, 5);
        double density = Enumerable.Range(0, 25).Sum(j => Enumerable.Range(0, 30).Count(i => Dist(y, j, x, i) <= rx[i])) / (5.0 * 25);
        double coverage = Enumerable.Range(0, 30).Count(i => Enumerable.Range(0, 25).Any(j => Dist(y, j, x, i) <= rx[i])) / 30.0;
        var r = Manifold.ComputeDensityCoverage(x, y, 5);
        Assert.Equal(density, r.Density, 12);
        Assert.Equal(coverage, r.Coverage, 12);
    }

    [Fact]
    public void DroppingHalfTheModes_LowersRecallMoreThanPrecision()
    {
        // Real: two far clusters; fake: only one of them, well covered.
        using var g = new Generator(10);
        var a = randn(new long[] { 200, 2 }, dtype: ScalarType.Float64, generator: g);
        var b = randn(new long[] { 200, 2 }, dtype: ScalarType.Float64, generator: g) + 20;
        var real = cat(new[] { a, b }, 0);
        var fake = randn(new long[] { 400, 2 }, dtype: ScalarType.Float64, generator: g);
        var r = Manifold.ComputePrecisionRecall(real, fake);
        Assert.InRange(r.Precision, 0.9, 1.0);
        Assert.InRange(r.Recall, 0.4, 0.6);
    }
}
