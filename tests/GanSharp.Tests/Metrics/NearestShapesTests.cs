using GanSharp.Metrics;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Metrics;

public sealed class NearestShapesTests
{
    /// <summary>A 4³ grid with the voxels at these flat indices filled.</summary>
    private static Tensor Grid(params int[] filled)
    {
        var g = zeros(64);
        foreach (var i in filled) g[i] = 1;
        return g.reshape(1, 1, 4, 4, 4);
    }

    [Fact]
    public void Iou_IsIntersectionOverUnion_OfTheNearestReference_ReadInChunks()
    {
        using var shapes = cat(new[] { Grid(0, 1, 2, 3), Grid(), Grid(10, 11) }, 0);
        // References: 2 of A's 4 voxels and 4 others (IoU 2 / (4 + 6 − 2) = 0.25); A itself; empty; a half-soft copy of the third.
        using var references = cat(new[] { Grid(0, 1, 20, 21, 22, 23), Grid(0, 1, 2, 3), Grid(), Grid(10) }, 0);
        references[3, 0, 0, 2, 3] = 0.4f;                               // voxel 11 at 0.4: empty at the 0.5 level
        Tensor Read(long start, long n) => references.narrow(0, start, n);
        var r = NearestShapes.Nearest(shapes, 4, Read, chunk: 3);
        Assert.Equal(new[] { 1.0, 1.0, 0.5 }, r.Iou);                   // A matches itself; empty matches empty; {10, 11} against {10}: 1 / 2
        Assert.Equal(new long[] { 1, 2, 3 }, r.Index);
        var skipping = NearestShapes.Nearest(shapes, 4, Read, skip: new long[] { 1, 2, 3 }, chunk: 2);
        Assert.Equal(0.25, skipping.Iou[0], 12);                        // without itself, A's nearest shares 2 of 8 voxels
        Assert.Equal(0, skipping.Index[0]);
        Assert.Equal(0.0, skipping.Iou[1], 12);                         // empty against non-empty shapes: 0
        Assert.Equal(0.0, skipping.Iou[2], 12);
        Assert.Equal((1.0 + 1 + 0.5) / 3, r.Mean, 12);
        Assert.Equal(1.0, r.Median, 12);
        Assert.Equal(2 / 3.0, r.ShareAbove(0.9), 12);
    }
}
