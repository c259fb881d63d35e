namespace GanSharp.Data.Voxels;

/// <summary>The voxel data sets `--data` names: procedural shapes and Sweet Home 3D's furniture.</summary>
public static class VoxelSets
{
    public static bool IsVoxelData(string? data) => data is ProceduralShapes.Name or FurnitureMeshes.Name;

    /// <summary>The set at this side (furniture voxelised once and cached under the data root's voxels/).</summary>
    public static IDataSource Open(string data, int side) => data switch
    {
        ProceduralShapes.Name => new ProceduralShapes(side),
        FurnitureMeshes.Name => new FurnitureMeshes(side, cacheFolder: Path.Combine(Sets.DataSetCatalogue.DefaultRoot(), "voxels")),
        _ => throw new GanSharpException($"--data {data} is not voxel data; voxel data is {ProceduralShapes.Name} or {FurnitureMeshes.Name}"),
    };

    public static IReadOnlyList<string> ClassNames(string data) => data == FurnitureMeshes.Name ? FurnitureMeshes.ClassNames : ProceduralShapes.ClassNames;
}
