using GanSharp.Latent;
using GanSharp.Recipes;
using GanSharp.Tests.Training;
using GanSharp.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Latent;

public sealed class InterpolationTests
{
    [Theory]
    [InlineData("slerp")]
    [InlineData("lerp")]
    public void Path_StartsAtAAndEndsAtB(string method)
    {
        manual_seed(1);
        var (a, b) = (randn(16), randn(16));
        var path = Interpolation.Path(a, b, 7, method);
        Assert.Equal(new long[] { 7, 16 }, path.shape);
        Assert.True(path[0].allclose(a, rtol: 1e-5, atol: 1e-5));
        Assert.True(path[6].allclose(b, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void RowWisePaths_AreTheVectorOnesRowByRow()
    {
        var a = tensor(new float[] { 1, 0, 0, 2, 2, 0, 1, 1, 1 }).view(3, 3);
        var b = tensor(new float[] { 0, 1, 0, 4, 4, 0, -1, 2, 0.5f }).view(3, 3);     // row 1: parallel ends, where slerp is a straight line
        var t = tensor(new float[] { 1f / 3, 0.25f, 0.7f });
        var slerp = Interpolation.SlerpRows(a, b, t);
        var lerp = Interpolation.LerpRows(a, b, t);
        for (int i = 0; i < 3; i++)
        {
            double ti = t[i].item<float>();
            Assert.True(slerp[i].allclose(Interpolation.Slerp(a[i], b[i], ti), rtol: 1e-5, atol: 1e-5), $"slerp row {i}");
            Assert.True(lerp[i].allclose(Interpolation.Lerp(a[i], b[i], ti), rtol: 1e-6, atol: 1e-6), $"lerp row {i}");
        }
        Assert.True(slerp[0].allclose(tensor(new float[] { MathF.Sqrt(3) / 2, 0.5f, 0 }), rtol: 1e-5, atol: 1e-5));   // 30° along the quarter circle
        Assert.True(slerp[1].allclose(tensor(new float[] { 2.5f, 2.5f, 0 }), rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void Slerp_OfOrthogonalUnitVectors_IsTheGreatCircle()
    {
        var a = tensor(new float[] { 1, 0, 0 });
        var b = tensor(new float[] { 0, 1, 0 });
        var mid = Interpolation.Slerp(a, b, 0.5);
        Assert.True(mid.allclose(tensor(new float[] { 1 / MathF.Sqrt(2), 1 / MathF.Sqrt(2), 0 }), rtol: 1e-6, atol: 1e-6));
        var third = Interpolation.Slerp(a, b, 1.0 / 3);                         // angle 30°: (cos 30°, sin 30°)
        Assert.True(third.allclose(tensor(new float[] { MathF.Sqrt(3) / 2, 0.5f, 0 }), rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void Slerp_KeepsTheNorm_WhereLerpCutsThroughTheMiddle()
    {
        manual_seed(2);
        const int d = 512;
        var a = randn(d);
        var b = randn(d);
        b = b / b.norm() * a.norm();                                            // equal norms r
        double r = a.norm().item<float>();
        var slerp = Interpolation.Path(a, b, 9, "slerp").square().sum(1).sqrt();
        Assert.True(slerp.allclose(full(9, r), rtol: 1e-4, atol: 0));
        // Nearly orthogonal in high dimension: the lerp midpoint has norm ≈ r / √2.
        double mid = Interpolation.Lerp(a, b, 0.5).norm().item<float>();
        Assert.InRange(mid / r, 1 / Math.Sqrt(2) - 0.06, 1 / Math.Sqrt(2) + 0.06);
    }

    [Fact]
    public void Slerp_OfParallelVectors_FallsBackToLerp()
    {
        var a = tensor(new float[] { 1, 2 });
        Assert.True(Interpolation.Slerp(a, a * 3, 0.5).allclose(a * 2, rtol: 1e-6, atol: 1e-6));
    }

    [Fact]
    public void ConditionalWalk_MovesTheClassCodeLinearly_AndWritesStripAndGif()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "c", Families.DefaultsOf<GanSharp.Recipes.ConditionalOptions>("cgan") with { Width = 8, BatchSize = 16, LatentSize = 16 }, TinyRuns.Trainer(1)))
            s.Train(Array.Empty<ITrainingCallback>());
        var err = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "latent", "interpolate", tmp.File("c"), "--from-class", "1", "--to-class", "7", "--steps", "5",
            "--out", tmp.File("w.png"), "--gif", tmp.File("w.gif") }, new StringWriter(), err), err.ToString());
        using (var png = SkiaSharp.SKBitmap.Decode(tmp.File("w.png"))) Assert.Equal((5 * 30 + 2, 32), (png.Width, png.Height));
        using (var gif = SixLabors.ImageSharp.Image.Load(tmp.File("w.gif"))) Assert.Equal(8, gif.Frames.Count);   // there (5) and back (3)

        using var sampler = new RunSampler(tmp.File("c"));
        var recipe = (ConditionalGan)sampler.Recipe;
        var a = recipe.Latent(randn(1, 16), tensor(new long[] { 1 }))[0];
        var b = recipe.Latent(randn(1, 16), tensor(new long[] { 7 }))[0];
        var mid = LatentWalk.Between(recipe, a, b, 3, "slerp")[1].narrow(0, 16, 10);
        Assert.Equal(new float[] { 0, 0.5f, 0, 0, 0, 0, 0, 0.5f, 0, 0 }, mid.data<float>().ToArray());
    }
}
