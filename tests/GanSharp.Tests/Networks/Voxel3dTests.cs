using GanSharp.Networks;
using GanSharp.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Networks;

public sealed class Voxel3dTests
{
    [Theory]
    [InlineData(16, 2)]
    [InlineData(32, 3)]
    [InlineData(64, 4)]
    public void Generator_MakesGridsOfTheResolution_InZeroToOne_AndDOneLogitEach(int resolution, int stages)
    {
        using var g = new Voxel3dGenerator(latentSize: 20, resolution: resolution, width: 4);
        using var d = new Voxel3dDiscriminator(resolution, width: 4);
        using var z = randn(3, 20);
        using var grids = g.forward(z);
        Assert.Equal(new long[] { 3, 1, resolution, resolution, resolution }, grids.shape);
        Assert.InRange(grids.min().item<float>(), 0f, 1f);
        Assert.InRange(grids.max().item<float>(), 0f, 1f);
        Assert.Equal(new long[] { 3 }, d.forward(grids).shape);
        Assert.Equal(new long[] { 3, 4 << (stages - 1), 4, 4, 4 }, d.Features(grids).shape);
    }

    [Fact]
    public void ConvolutionCheck_CoversTheThreeDLayers()
    {
        using var g = new Voxel3dGenerator(latentSize: 8, resolution: 16, width: 4);
        using var d = new Voxel3dDiscriminator(16, width: 4);
        using var z = randn(2, 8);
        using var real = rand(new long[] { 2, 1, 16, 16, 16 });
        bool oneDnn = OneDnn.Enabled;
        try
        {
            var result = ConvolutionCheck.EnsureCorrect(new[]
            {
                new ConvolutionCheck.Subject("generator", () => new Voxel3dGenerator(latentSize: 8, resolution: 16, width: 4), g, z),
                new ConvolutionCheck.Subject("discriminator", () => new Voxel3dDiscriminator(16, width: 4), d, real),
            }, _ => { });
            Assert.Contains("generator, discriminator", result.Detail);   // both were measured: they have convolutions
            Assert.InRange(result.MaxRelativeError, 0, ConvolutionCheck.Tolerance);
        }
        finally
        {
            OneDnn.Enabled = oneDnn;   // a fallback here must not change the other tests' path
        }
    }

    [Fact]
    public void AnUnsupportedResolution_IsAnErrorNamingIt()
    {
        var e = Assert.Throws<GanSharpException>(() => new Voxel3dGenerator(resolution: 28));
        Assert.Contains("not 28³", e.Message);
    }
}
