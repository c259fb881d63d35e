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
    public void ModulatedConvolution_EqualsEverySamplesOwnDemodulatedWeights_InFloat64()
    {
        manual_seed(11);
        var layer = new ModulatedConv2d(3, 2, 3, styleSize: 4);
        var x = randn(3, 3, 5, 5);
        var styles = tensor(new[] { 2f, 0.5f, -1f, 3f, 0.1f, 1f, -0.7f, 1.5f, 2.5f }).view(3, 3);
        var y = layer.Convolve(x, styles);
        // The paper's definition, sample by sample: w'_oik = s_i w_oik / sqrt(in · k · k), w''_oik = w'_oik / sqrt(Σ_ik w'²_oik + 1e-8).
        var weights = layer.Weight.to_type(ScalarType.Float64) / Math.Sqrt(3 * 9);
        for (int i = 0; i < 3; i++)
        {
            var modulated = weights * styles[i].to_type(ScalarType.Float64).view(1, 3, 1, 1);
            var demodulated = modulated / (modulated.square().sum(new long[] { 1, 2, 3 }, keepdim: true) + 1e-8).sqrt();
            var expected = nn.functional.conv2d(x[i].unsqueeze(0).to_type(ScalarType.Float64), demodulated, padding: new long[] { 1, 1 });
            Assert.True(y[i].unsqueeze(0).to_type(ScalarType.Float64).allclose(expected, rtol: 1e-4, atol: 1e-5), $"sample {i}");
        }
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
