using GanSharp.Data.Voxels;
using GanSharp.Imaging;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>
/// `gan sample RUN --format npy|obj` for voxel runs: the shapes of the render panel of the same seed
/// as one float32 (N, D, H, W) NumPy file, or as a folder of OBJ surface meshes (surface nets at the
/// 0.5 level, in [−1, 1]³ with y up) that Blender, MeshLab or any viewer opens.
/// </summary>
public static class VolumeFiles
{
    public static string Write(RunSampler sampler, int count, long seed, string format, string path)
    {
        using var grids = sampler.Sample(count, seed);
        if (format == "npy")
        {
            NpyImages.SaveVolumes(grids, path);
            return $"wrote {count} shapes of step {sampler.Step} to {path} (float32 occupancies, shape ({count}, {string.Join(", ", grids.shape.Skip(2))}))";
        }
        if (format != "obj") throw new GanSharpException($"--format {format}: voxel runs write npy (raw grids), obj (meshes) or the default render panel");
        Directory.CreateDirectory(path);
        long triangles = 0;
        for (int i = 0; i < count; i++)
        {
            using var grid = grids[i, 0];
            var mesh = SurfaceNets.Mesh(grid);
            triangles += mesh.Triangles.Count;
            AtomicFile.WriteAllText(Path.Combine(path, $"{i:000000}.obj"), mesh.ToObj());
        }
        return $"wrote {count} meshes of step {sampler.Step} to {path} ({triangles / Math.Max(1, count):N0} triangles each on average)";
    }

    /// <summary>Shape <paramref name="index"/> of the panel of this seed and count, turning once about the vertical, as a GIF.</summary>
    public static string Turntable(RunSampler sampler, int count, long seed, int index, int frames, string path)
    {
        if (sampler.Config.DataShape?.Modality != Data.Modality.Voxels) throw new GanSharpException($"--turntable turns voxel shapes (gan3d runs); this run is {sampler.Config.Family}");
        if (index < 0 || index >= count) throw new GanSharpException($"--turntable {index}: the panel of --count {count} has shapes 0 to {count - 1}");
        if (!path.EndsWith(".gif", StringComparison.OrdinalIgnoreCase)) throw new GanSharpException($"--out {path}: a turntable is an animated GIF; name it NAME.gif");
        using var grids = sampler.Sample(count, seed);
        using var grid = grids[index, 0];
        AnimatedGif.Save(VoxelTurntable.Frames(grid, frames), path, delayMs: 80);
        return $"wrote shape {index} of step {sampler.Step} turning in {frames} frames to {path}";
    }
}
