using GanSharp.Data;
using GanSharp.Data.Voxels;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Data;

public sealed class QuarterTurnsTests
{
    private const int S = 6;

    /// <summary>The 8 places a voxel at (z, x) of an S-wide floor can go under quarter turns and mirrors (the square's symmetries), by hand.</summary>
    private static HashSet<(long Z, long X)> Orbit(long z, long x)
    {
        long m = S - 1;
        var turns = new[] { (z, x), (x, m - z), (m - z, m - x), (m - x, z) };
        return turns.Concat(turns.Select(t => (t.Item1, m - t.Item2))).ToHashSet();
    }

    [Fact]
    public void EveryGrid_IsTurnedAboutTheVerticalOrMirrored_NeverTilted_AndAllEightOrientationsOccur()
    {
        // One voxel at (z 1, y 4, x 0) in each of 64 grids.
        using var x = zeros(new long[] { 64, 1, S, S, S });
        x[TensorIndex.Colon, 0, 1, 4, 0] = 1;
        using var g = new Generator(3);
        var turned = new QuarterTurns().Apply(new Batch(x), g).X;
        var seen = new HashSet<(long, long)>();
        for (int i = 0; i < 64; i++)
        {
            var at = turned[i, 0].nonzero();
            Assert.Equal(1, at.shape[0]);
            var (z, y, xx) = (at[0, 0].item<long>(), at[0, 1].item<long>(), at[0, 2].item<long>());
            Assert.Equal(4, y);                                        // still at the same height
            Assert.Contains((z, xx), Orbit(1, 0));
            seen.Add((z, xx));
        }
        Assert.Equal(8, seen.Count);                                   // 64 draws of 8 orientations: each at least once (probability of missing one < 2e-3, and the seed is fixed)
    }

    [Fact]
    public void TheSameGenerator_GivesTheSameTurns()
    {
        using var x = rand(new long[] { 8, 1, S, S, S });
        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        var a = new QuarterTurns().Apply(new Batch(x), g1).X;
        var b = new QuarterTurns().Apply(new Batch(x), g2).X;
        Assert.True(a.eq(b).all().item<bool>());
        Assert.Equal(x.sum().item<float>(), a.sum().item<float>(), 3);   // a permutation of voxels
    }

    [Theory]
    [InlineData("shapes", "flip", "--augment flip is for images; voxel data takes none or turn")]
    [InlineData("embedded", "turn", "--augment turn turns voxel grids")]
    public void TurnIsForVoxels_AndFlipsForImages(string data, string augment, string message)
    {
        var e = Assert.Throws<GanSharpException>(() => new GanSharp.Training.TrainerOptions { Data = data, Augment = augment }.Validated());
        Assert.Contains(message, e.Message);
    }
}
