using static TorchSharp.torch;

namespace GanSharp.Data.Voxels;

/// <summary>
/// Occupancy grids of side S over the cube [−1, 1]³: voxel (d, h, w) is filled when its centre
/// ((w + ½)·2/S − 1, (h + ½)·2/S − 1, (d + ½)·2/S − 1) = (x, y, z) lies inside the solid, so axis D
/// is z, H is y (up: h = 0 is the bottom layer) and W is x. Filled is 1, empty 0 (3D-GAN's sigmoid range).
/// </summary>
public static class VoxelGrid
{
    /// <summary>The solid as a (S, S, S) float32 grid of 0 and 1.</summary>
    public static Tensor Voxelise(Solid solid, int side)
    {
        if (side < 2) throw new GanSharpException($"a voxel grid needs a side of at least 2, got {side}");
        using var scope = NewDisposeScope();
        var centres = (arange(side, dtype: ScalarType.Float64) + 0.5) * (2.0 / side) - 1;
        var axes = meshgrid(new[] { centres, centres, centres }, indexing: "ij");   // (z, y, x)
        return solid.Inside(axes[2], axes[1], axes[0]).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>The volume of a grid in units of the cube [−1, 1]³'s (8): filled voxels × (2/S)³.</summary>
    public static double Volume(Tensor grid) => grid.sum().item<float>() * Math.Pow(2.0 / grid.shape[^1], 3);
}
