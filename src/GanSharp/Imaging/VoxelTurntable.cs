using static TorchSharp.torch;

namespace GanSharp.Imaging;

/// <summary>
/// A shape turning once about its vertical axis, as GIF frames of <see cref="VoxelRender"/> tiles.
/// Each frame resamples the grid turned by its angle (trilinear, then the 0.5 level, so soft
/// occupancies turn smoothly) into a grid √2 wider, so the corners of a shape that fills its cube
/// stay in view at 45°.
/// </summary>
public static class VoxelTurntable
{
    public static IReadOnlyList<byte[]> Frames(Tensor grid, int frames = 36, int edge = 3)
    {
        if (grid.dim() != 3) throw new ArgumentException($"expected a (S, S, S) grid, got ({string.Join(", ", grid.shape)})");
        if (frames < 2) throw new GanSharpException($"a turntable needs at least 2 frames, got {frames}");
        using var scope = NewDisposeScope();
        int s = (int)grid.shape[0], wide = (int)Math.Ceiling(s * Math.Sqrt(2) / 2) * 2;
        var volume = grid.detach().cpu().to_type(ScalarType.Float32).reshape(1, 1, s, s, s);
        double scale = wide / (double)s;    // an output coordinate of the wider grid, in the input's normalised units
        var result = new List<byte[]>();
        for (int f = 0; f < frames; f++)
        {
            double angle = 2 * Math.PI * f / frames, c = Math.Cos(angle) * scale, sn = Math.Sin(angle) * scale;
            // affine_grid's rows give the input (x, y, z) = (W, H, D) of each output point: a turn in the (x, z) plane, y kept.
            var theta = tensor(new float[] { (float)c, 0, (float)sn, 0, 0, (float)scale, 0, 0, (float)-sn, 0, (float)c, 0 }).reshape(1, 3, 4);
            var sampling = nn.functional.affine_grid(theta, new long[] { 1, 1, wide, wide, wide }, align_corners: false);
            var turned = nn.functional.grid_sample(volume, sampling, mode: GridSampleMode.Bilinear, padding_mode: GridSamplePaddingMode.Zeros, align_corners: false);
            result.Add(VoxelRender.Png(turned[0, 0], edge));
        }
        return result;
    }
}
