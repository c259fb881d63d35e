using GanSharp.Data;
using GanSharp.Lab;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Lab;

public sealed class ModeCoverageTests
{
    [Fact]
    public void SamplesOnEveryCentre_CaptureAllModes_AllHighQuality_KlZero()
    {
        var ring = ToyDistribution.Ring();
        var r = ModeCoverage.Measure(ring.Centres!.repeat(10, 1), ring);    // 10 samples on each of the 8 centres
        Assert.Equal((8, 8, 1.0), (r.ModesCaptured, r.Modes, r.HighQualityFraction));
        Assert.Equal(0.0, r.ReverseKl, 12);
    }

    [Fact]
    public void CraftedSet_HasTheHandCountedAnswer()
    {
        // Grid (σ = 0.05, 3σ = 0.15): 3 samples near (0, 0), 1 near (2, 2), 1 at 0.2 from (4, 4)
        // (not high quality) and 1 far away: 2 modes captured, 4/6 high quality,
        // p̂ = (¾, ¼) over 25 modes: KL = ¾ log(25·¾) + ¼ log(25·¼).
        var grid = ToyDistribution.Grid();
        var samples = tensor(new float[] { 0, 0, 0.1f, 0, 0, -0.1f, 2, 2.05f, 4.2f, 4, 9, 9 }).view(6, 2);
        var r = ModeCoverage.Measure(samples, grid);
        Assert.Equal(2, r.ModesCaptured);
        Assert.Equal(4.0 / 6, r.HighQualityFraction, 12);
        Assert.Equal(0.75 * Math.Log(25 * 0.75) + 0.25 * Math.Log(25 * 0.25), r.ReverseKl, 12);
    }

    [Fact]
    public void SamplesOfTheDistributionItself_CoverItAlmostPerfectly()
    {
        using var g = new Generator(1);
        foreach (var d in new[] { ToyDistribution.Ring(), ToyDistribution.Grid() })
        {
            var r = ModeCoverage.Measure(d.Sample(2500, g), d);
            Assert.Equal(d.Centres!.shape[0], r.ModesCaptured);
            // Within 3σ of its centre in 2-D: P(‖z‖ ≤ 3) = 1 − e^(−4.5) = 0.9889; 3 standard errors at 2,500 samples ≈ 0.0063.
            Assert.InRange(r.HighQualityFraction, 1 - Math.Exp(-4.5) - 0.0065, 1 - Math.Exp(-4.5) + 0.0065);
            Assert.InRange(r.ReverseKl, 0.0, 0.02);
        }
    }

    [Fact]
    public void Distributions_HaveThePaperSettings()
    {
        var ring = ToyDistribution.Ring();
        Assert.Equal(1.0, ring.Centres!.norm(1).min().item<float>(), 6);   // unit circle
        Assert.Equal((8L, 0.01), (ring.Centres.shape[0], ring.Sigma));
        var grid = ToyDistribution.Grid();
        Assert.Equal((25L, 0.05), (grid.Centres!.shape[0], grid.Sigma));
        Assert.Equal(new float[] { -4, -2, 0, 2, 4 }, grid.Centres.select(1, 0).unique().output.data<float>().ToArray());
        Assert.Equal(2.0, ToyDistribution.Named("ring-unrolled").Centres!.norm(1).max().item<float>(), 5);
    }
}
