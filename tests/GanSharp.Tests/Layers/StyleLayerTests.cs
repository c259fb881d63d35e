using GanSharp.Layers;
using GanSharp.Networks;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Layers;

public sealed class StyleLayerTests
{
    [Fact]
    public void ModulatedConvolution_WithUnitStylesAndDemodulation_IsAConvolutionWithUnitNormFilters()
    {
        manual_seed(9);
        var layer = new ModulatedConv2d(3, 4, 3, styleSize: 5);
        var x = randn(2, 3, 6, 6);
        var y = layer.Convolve(x, ones(2, 3));
        var w = layer.Weight;
        var unit = w / w.square().sum(new long[] { 1, 2, 3 }, keepdim: true).sqrt();          // each output channel's filter of norm 1
        var expected = nn.functional.conv2d(x, unit, padding: new long[] { 1, 1 });
        Assert.True(y.allclose(expected, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void ModulatedConvolution_ScalesEachSamplesInputChannelsByItsStyle()
    {
        manual_seed(10);
        var layer = new ModulatedConv2d(2, 3, 3, styleSize: 4, demodulate: false);
        var x = randn(2, 2, 5, 5);
        var styles = tensor(new[] { 2f, 0.5f, -1f, 3f }).view(2, 2);
        var y = layer.Convolve(x, styles);
        // Without demodulation, modulating the weights is scaling the input: conv(x · s, W / sqrt(in · k · k)), sample by sample.
        var scaled = nn.functional.conv2d(x * styles.view(2, 2, 1, 1), layer.Weight / Math.Sqrt(2 * 9), padding: new long[] { 1, 1 });
        Assert.True(y.allclose(scaled, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void MappingNetwork_IgnoresTheScaleOfZ()
    {
        manual_seed(12);
        var mapping = new MappingNetwork(8, 6, depth: 3);
        var z = randn(4, 8);
        Assert.Equal(new long[] { 4, 6 }, mapping.forward(z).shape);
        Assert.True(mapping.forward(z).allclose(mapping.forward(z * 7), rtol: 1e-4, atol: 1e-6));   // pixel norm first: only z's direction counts
    }
}
