using GanSharp.Imaging;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Imaging;

public sealed class VoxelTurntableTests
{
    [Fact]
    public void QuarterTurnFrames_AreTheGridPaddedAndTurnedByNinetyDegrees()
    {
        // An L of voxels on a 16³ floor: no quarter turn maps it onto itself.
        using var grid = zeros(16, 16, 16);
        grid[TensorIndex.Slice(2, 12), TensorIndex.Slice(0, 6), TensorIndex.Slice(3, 6)] = 1;
        grid[TensorIndex.Slice(9, 12), TensorIndex.Slice(0, 6), TensorIndex.Slice(3, 13)] = 1;
        var frames = VoxelTurntable.Frames(grid, frames: 4);
        Assert.Equal(4, frames.Count);
        // The wider grid: ⌈16·√2 / 2⌉·2 = 24, the shape in its centre; voxel centres fall on voxel centres, so frames at 0° and 90° are exact.
        using var padded = nn.functional.pad(grid, new long[] { 4, 4, 4, 4, 4, 4 });
        Assert.Equal(VoxelRender.Png(padded), frames[0]);
        var quarter = new[] { 1, 3 }.Select(k => VoxelRender.Png(padded.rot90(k, (0, 2)))).ToList();   // a turn in the (z, x) plane, one way or the other
        Assert.Contains(frames[1], quarter);
        Assert.NotEqual(frames[0], frames[1]);
        Assert.Equal(VoxelRender.Png(padded.rot90(2, (0, 2))), frames[2]);
    }
}
