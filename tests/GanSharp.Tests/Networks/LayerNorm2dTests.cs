using GanSharp.Networks;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Networks;

public sealed class LayerNorm2dTests
{
    [Fact]
    public void Forward_MatchesLibtorchGroupNormWithOneGroup()
    {
        using var g = new Generator(5);
        var x = randn(new long[] { 3, 4, 5, 5 }, dtype: ScalarType.Float64, generator: g) * 3 + 1;
        var ours = new LayerNorm2d(4);
        var reference = nn.GroupNorm(1, 4, dtype: ScalarType.Float64);
        ours.to(ScalarType.Float64);
        using (no_grad())
        {
            var w = randn(new long[] { 4 }, dtype: ScalarType.Float64, generator: g);
            var b = randn(new long[] { 4 }, dtype: ScalarType.Float64, generator: g);
            ours.parameters().First().copy_(w); ours.parameters().Last().copy_(b);
            reference.weight!.copy_(w); reference.bias!.copy_(b);
        }
        Assert.True(ours.forward(x).allclose(reference.forward(x), rtol: 0, atol: 1e-10));
    }

    [Fact]
    public void Forward_NormalisesEachSampleToZeroMeanUnitVariance()
    {
        var y = new LayerNorm2d(2).forward(randn(4, 2, 3, 3) * 5 + 2);
        foreach (var i in Enumerable.Range(0, 4))
        {
            Assert.InRange(y[i].mean().item<float>(), -1e-5, 1e-5);
            Assert.InRange((y[i] - y[i].mean()).square().mean().item<float>(), 0.999, 1.001); // population variance
        }
    }
}
