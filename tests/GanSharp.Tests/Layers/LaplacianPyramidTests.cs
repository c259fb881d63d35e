using GanSharp.Layers;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Layers;

public sealed class LaplacianPyramidTests
{
    [Fact]
    public void APyramid_RebuildsItsImage()
    {
        manual_seed(3);
        var x = rand(2, 3, 32, 32, dtype: float64) * 2 - 1;
        var (coarsest, residuals) = LaplacianPyramid.Build(x, 3);
        Assert.Equal(new long[] { 2, 3, 4, 4 }, coarsest.shape);
        Assert.Equal(new[] { 32L, 16, 8 }, residuals.Select(r => r.shape[2]));
        Assert.True(LaplacianPyramid.Reconstruct(coarsest, residuals).allclose(x, rtol: 0, atol: 1e-12));
        Assert.True(LaplacianPyramid.Reconstruct(LaplacianPyramid.Build(x, 0).Coarsest, Array.Empty<Tensor>()).eq(x).all().item<bool>());
    }

    [Fact]
    public void AConstantImage_StaysConstant_UpToTheBorders()
    {
        var x = full(1, 2, 8, 8, 0.3, dtype: float64);
        Assert.True(LaplacianPyramid.Down(x).allclose(full(1, 2, 4, 4, 0.3, dtype: float64), rtol: 0, atol: 1e-15));
        Assert.True(LaplacianPyramid.Up(x).allclose(full(1, 2, 16, 16, 0.3, dtype: float64), rtol: 0, atol: 1e-15));
        Assert.True(LaplacianPyramid.Build(x, 2).Residuals.All(r => r.abs().max().item<double>() < 1e-15));
    }

    [Fact]
    public void Down_AddsTheKernelsVariance_AndUpInterpolatesLinearly()
    {
        // Along the width only: x = w². The binomial [1 4 6 4 1]/16 has variance 1, so its blur is w² + 1
        // inside the borders; every second pixel of that is (2j)² + 1.
        var w = arange(16, dtype: float64);
        var squares = w.square().expand(1, 1, 16, 16);
        var down = LaplacianPyramid.Down(squares)[0, 0, 3];
        for (int j = 1; j <= 6; j++) Assert.Equal(4.0 * j * j + 1, down[j].item<double>(), 12);
        // A line a·j + b expands to a·i/2 + b: (c[j-1] + 6 c[j] + c[j+1]) / 8 at even i, the midpoint at odd i.
        var line = (0.5 * arange(8, dtype: float64) - 1).expand(1, 1, 8, 8);
        var up = LaplacianPyramid.Up(line)[0, 0, 5];
        for (int i = 2; i <= 13; i++) Assert.Equal(0.25 * i - 1, up[i].item<double>(), 12);
        // So a ramp has no residual where neither level sees a reflected border (columns 3–11 of 16): the coarse level shows it.
        var ramp = (0.1 * arange(16, dtype: float64)).expand(1, 1, 16, 16);
        var residual = LaplacianPyramid.Build(ramp, 1).Residuals[0][0, 0, 8];
        Assert.True(residual.narrow(0, 3, 9).abs().max().item<double>() < 1e-12);
    }

    [Fact]
    public void Down_RefusesOddOrTinySides()
    {
        Assert.Contains("even sides of at least 4, got [1, 1, 6, 7]", Assert.Throws<ArgumentException>(() => LaplacianPyramid.Down(zeros(1, 1, 6, 7))).Message);
        Assert.Throws<ArgumentException>(() => LaplacianPyramid.Down(zeros(1, 1, 2, 2)));
    }
}
