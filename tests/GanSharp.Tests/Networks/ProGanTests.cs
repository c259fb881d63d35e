using GanSharp.Networks;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Networks;

public sealed class ProGanTests
{
    private static readonly ProGanShape Shape = new(16, 4, 16);     // stages 4, 8, 16

    [Fact]
    public void Shape_DoublesChannelsTowardsTheBase_UpToTheCap()
    {
        Assert.Equal(2, Shape.Last);
        Assert.Equal(new[] { 16, 8, 4 }, Enumerable.Range(0, 3).Select(Shape.ChannelsAt));
        Assert.Contains("4·2^k", Assert.Throws<GanSharpException>(() => new ProGanShape(28, 4, 16).Last).Message);
    }

    [Fact]
    public void GeneratorFadeIn_AtZeroIsTheLowerStageUpsampled_AtOneTheNewBlockAlone()
    {
        manual_seed(13);
        var g = new ProGanGenerator(Shape, 8, 3);
        var z = randn(2, 8);
        var lower = g.Generate(z, 1, 1);                                     // (2, 3, 8, 8)
        var faded = g.Generate(z, 2, 0);
        Assert.Equal(new long[] { 2, 3, 16, 16 }, faded.shape);
        Assert.True(faded.allclose(nn.functional.interpolate(lower, new long[] { 16, 16 }, mode: InterpolationMode.Nearest), atol: 1e-6));
        var full = g.Generate(z, 2, 1);
        var half = g.Generate(z, 2, 0.5);
        using (no_grad()) foreach (var p in g.ToRgb(1).parameters()) p.add_(1);   // only the fading-out path uses stage 1's toRGB
        Assert.True(g.Generate(z, 2, 1).allclose(full, atol: 1e-6));
        Assert.False(g.Generate(z, 2, 0.5).allclose(half, atol: 1e-3));
    }

    [Fact]
    public void DiscriminatorFadeIn_AtZeroSeesTheImageDownsampled_AtOneTheNewBlockAlone()
    {
        manual_seed(14);
        var d = new ProGanDiscriminator(Shape, 3);
        var x = randn(4, 3, 16, 16);
        var faded = d.Features(x, 2, 0);
        Assert.True(faded.allclose(d.Features(nn.functional.avg_pool2d(x, 2), 1, 1), atol: 1e-5));
        var full = d.Features(x, 2, 1);
        using (no_grad()) foreach (var p in d.FromRgb(1).parameters()) p.add_(1);
        Assert.True(d.Features(x, 2, 1).allclose(full, atol: 1e-6));
        Assert.Equal(new long[] { 4 }, d.Logits(full).shape);
        Assert.Equal(new long[] { 4 }, d.Logits(d.Features(randn(4, 3, 4, 4), 0, 1)).shape);   // the 4×4 stage alone
    }

    [Fact]
    public void EqualizedConvolutions_AreSeenByTheConvolutionCheck()
    {
        // They convolve through the functional API: without the marker the check would skip these networks.
        manual_seed(15);
        var g = new ProGanGenerator(Shape, 8, 3);
        Assert.True(GanSharp.Runtime.ConvolutionCheck.HasConvolution(g));
        var subject = new GanSharp.Runtime.ConvolutionCheck.Subject("g", () => new ProGanGenerator(Shape, 8, 3), g, randn(4, 8));
        Assert.InRange(GanSharp.Runtime.ConvolutionCheck.MaxRelativeError(subject), 1e-9, GanSharp.Runtime.ConvolutionCheck.Tolerance);
    }
}
