using GanSharp.Latent;
using GanSharp.Metrics;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Metrics;

public sealed class PerceptualPathLengthTests
{
    private static Tensor SquaredDistance(Tensor x, Tensor y) => (x - y).square().flatten(1).sum(1);

    [Fact]
    public void Percentile_InterpolatesLinearly_AsNumpy()
    {
        Assert.Equal(2.5, PerceptualPathLength.Percentile(new double[] { 4, 1, 3, 2 }, 50), 12);
        var hundred = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        Assert.Equal(1.99, PerceptualPathLength.Percentile(hundred, 1), 12);          // numpy.percentile(range(1, 101), 1)
        Assert.Equal(99.01, PerceptualPathLength.Percentile(hundred, 99), 12);
        Assert.Equal(7.0, PerceptualPathLength.Percentile(new double[] { 7 }, 99), 12);
    }

    [Fact]
    public void ALinearGenerator_HasTheSquaredLengthOfItsStep_AndTheExtremesAreDropped()
    {
        // G(w) = w with the squared Euclidean distance: a step ε along a straight path moves the image by ε (b − a),
        // so every pair's length is ‖b − a‖², whatever t is. Pair i has ‖b − a‖² = i + 1: lengths 1 … 100.
        long n = 100;
        var starts = randn(new long[] { n, 5 }, dtype: ScalarType.Float64, generator: new Generator(1));
        var direction = tensor(new double[] { 0.6, 0, 0.8, 0, 0 });
        var ends = starts + arange(1, n + 1, dtype: ScalarType.Float64).sqrt().unsqueeze(1) * direction;
        using var g = new Generator(2);
        var r = PerceptualPathLength.Measure(starts, ends, Interpolation.LerpRows, w => w, SquaredDistance, g, batchSize: 30);
        for (int i = 0; i < n; i++) Assert.Equal(i + 1, r.Lengths[i], 6);
        Assert.Equal((100, 98), (r.Pairs, r.Kept));                                   // 1 < 1.99 and 100 > 99.01 fall out
        Assert.Equal(50.5, r.Mean, 6);                                                // the mean of 2 … 99
    }

    [Fact]
    public void AQuadraticGenerator_LengthensWhereItBends()
    {
        // G(w) = w², one dimension, path from 0 to 1: the image moves 2t·ε per step, so the length at t is 4t²;
        // the measured lengths must be 4t² at the t the metric drew (its t come from the stream, first of all).
        long n = 200;
        var starts = zeros(new long[] { n, 1 }, dtype: ScalarType.Float64);
        var ends = ones(new long[] { n, 1 }, dtype: ScalarType.Float64);
        using var g = new Generator(5);
        var r = PerceptualPathLength.Measure(starts, ends, Interpolation.LerpRows, w => w.square(), SquaredDistance, g);
        var t = rand(n, dtype: ScalarType.Float64, generator: new Generator(5));
        for (int i = 0; i < n; i++)
        {
            double ti = t[i].item<double>(), expected = Math.Pow(2 * ti + PerceptualPathLength.Epsilon, 2);   // ((t + ε)² − t²)² / ε²
            Assert.Equal(expected, r.Lengths[i], 6);
        }
    }

    [Fact]
    public void BadInput_IsRefused()
    {
        using var g = new Generator(1);
        Assert.Throws<ArgumentException>(() => PerceptualPathLength.Measure(zeros(3, 2), zeros(4, 2), Interpolation.LerpRows, w => w, SquaredDistance, g));
        Assert.Throws<ArgumentException>(() => PerceptualPathLength.Measure(zeros(3, 2), zeros(3, 2), Interpolation.LerpRows, w => w, SquaredDistance, g, epsilon: 0));
    }
}
