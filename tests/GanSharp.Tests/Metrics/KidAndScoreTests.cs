using GanSharp.Metrics;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Metrics;

public sealed class KidAndScoreTests
{
    [Fact]
    public void UnbiasedMmd2_MatchesANaiveLoop()
    {
        using var g = new Generator(5);
        var x = randn(new long[] { 7, 3 }, dtype: ScalarType.Float64, generator: g);
        var y = randn(new long[] { 9, 3 }, dtype: ScalarType.Float64, generator: g) + 0.5;
        double K(Tensor a, int i, Tensor b, int j) =>
            Math.Pow(Enumerable.Range(0, 3).Sum(c => a[i, c].item<double>() * b[j, c].item<double>()) / 3 + 1, 3);
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < 7; i++) for (int j = 0; j < 7; j++) if (i != j) xx += K(x, i, x, j);
        for (int i = 0; i < 9; i++) for (int j = 0; j < 9; j++) if (i != j) yy += K(y, i, y, j);
        for (int i = 0; i < 7; i++) for (int j = 0; j < 9; j++) xy += K(x, i, y, j);
        double expected = xx / (7 * 6) + yy / (9 * 8) - 2 * xy / (7 * 9);
        Assert.Equal(expected, Kid.UnbiasedMmd2(x, y), 10);
    }

    [Fact]
    public void UnbiasedMmd2_OfOneDistribution_AveragesToZeroWithinItsStandardError()
    {
        using var g = new Generator(6);
        var values = Enumerable.Range(0, 300).Select(_ =>
            Kid.UnbiasedMmd2(randn(new long[] { 40, 8 }, dtype: ScalarType.Float64, generator: g), randn(new long[] { 40, 8 }, dtype: ScalarType.Float64, generator: g))).ToArray();
        double mean = values.Average();
        double se = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
        Assert.InRange(mean, -3 * se, 3 * se);
        Assert.InRange(se, 1e-6, 1.0);   // the draws do vary: the test has power
    }

    [Fact]
    public void Kid_OfShiftedData_IsPositive_AndReportsItsSubsets()
    {
        using var g = new Generator(7);
        var r = Kid.Compute(randn(new long[] { 300, 8 }, generator: g), randn(new long[] { 300, 8 }, generator: g) + 1, g, subsets: 20, subsetSize: 100);
        Assert.InRange(r.Mean, 0.1, 100);
        Assert.Equal((20, 100), (r.Subsets, r.SubsetSize));
    }

    [Fact]
    public void InceptionScore_OfKDistinctConfidentClasses_IsK_AndOfUniformOutputsIsOne()
    {
        var oneHots = eye(10, dtype: ScalarType.Float64).repeat(5, 1);         // 50 samples, each class 5 times
        Assert.Equal(10.0, InceptionScore.Compute(oneHots, splits: 1).Mean, 9);
        var uniform = full(50, 10, 0.1, dtype: ScalarType.Float64);
        Assert.Equal(1.0, InceptionScore.Compute(uniform, splits: 5).Mean, 9);
        Assert.Equal(0.0, InceptionScore.Compute(uniform, splits: 5).Std, 9);
    }

    [Fact]
    public void ModeScore_OfConfidentBalancedOutputs_WithABalancedPrior_IsK_AndPenalisesMissingClasses()
    {
        var prior = full(10, 0.1, dtype: ScalarType.Float64);
        Assert.Equal(10.0, InceptionScore.ModeScore(eye(10, dtype: ScalarType.Float64).repeat(3, 1), prior), 9);
        // Only 5 of 10 classes: exp(log 10 − KL(p(y) ‖ p*)) = exp(log 10 − log 2) = 5.
        Assert.Equal(5.0, InceptionScore.ModeScore(eye(10, dtype: ScalarType.Float64).narrow(0, 0, 5).repeat(3, 1), prior), 9);
    }
}
