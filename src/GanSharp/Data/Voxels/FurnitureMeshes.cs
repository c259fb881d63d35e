using static TorchSharp.torch;

namespace GanSharp.Data.Voxels;

/// <summary>
/// Sweet Home 3D's furniture as voxel grids (`--data furniture`): every model of the catalogues
/// whose name gives it a class (<see cref="FurnitureCatalog.Classes"/>), turned upright by its
/// catalogue, centred and scaled so its longest side spans 90 % of the cube, and voxelised by
/// surface and fill (downloaded models are rarely closed). All are voxelised when the set is first
/// opened (about 10 s at 32³) and kept in a cache; a model that does not read is left out and named
/// in <see cref="Skipped"/>.
/// </summary>
public sealed class FurnitureMeshes : IDataSource
{
    public const string Name = "furniture";

    private readonly Tensor grids;     // (N, 1, S, S, S) bytes
    private readonly Tensor labels;

    public static IReadOnlyList<string> ClassNames { get; } = FurnitureCatalog.Classes.Select(c => c.Class).ToArray();

    public long Count => grids.shape[0];
    public DataShape Shape { get; }
    public string Description { get; }
    public IReadOnlyList<string> Skipped { get; }

    /// <param name="cacheFolder">where the voxelised set is kept for the next time (<see cref="VoxelCache"/>); null = voxelise every time</param>
    public FurnitureMeshes(int side, string folder = FurnitureCatalog.DebianFolder, string? cacheFolder = null)
    {
        if (side is < 8 or > 128) throw new GanSharpException($"--resolution {side}: furniture is voxelised at 8³ to 128³");
        var models = FurnitureCatalog.Read(folder).Where(m => m.Class is not null).ToList();
        string? cache = cacheFolder is null ? null : VoxelCache.PathFor(cacheFolder, Name, models.Select(m => m.Catalogue).Distinct(), side);
        var entry = cache is null ? null : VoxelCache.Load(cache, side);
        FromCache = entry is not null;
        if (entry is null)
        {
            entry = Voxelise(models, side, folder);
            if (cache is not null) VoxelCache.Save(cache, entry);
        }
        grids = entry.Grids;
        labels = tensor(entry.Labels);
        Skipped = entry.Skipped;
        Shape = new DataShape(Modality.Voxels, 1, new[] { side, side, side }, ClassNames.Count);
        Description = $"Sweet Home 3D furniture from {folder} ({Count:N0} models: {string.Join(", ", ClassNames.Select((c, i) => $"{entry.Labels.Count(l => l == i)} {c}"))}) at {side}³" +
            (FromCache ? $", read from {cache}" : cache is null ? "" : $", voxelised and kept in {cache}");
    }

    /// <summary>Whether the grids came from the cache rather than from voxelising the meshes.</summary>
    public bool FromCache { get; }

    private static VoxelCache.Entry Voxelise(IReadOnlyList<FurnitureModel> models, int side, string folder)
    {
        var kept = new List<Tensor>();
        var classes = new List<long>();
        var skipped = new List<string>();
        var classNames = FurnitureCatalog.Classes.Select(c => c.Class).ToList();
        foreach (var model in models)
        {
            try
            {
                kept.Add(MeshVoxels.VoxeliseSurfaceAndFill(FurnitureCatalog.Mesh(model).Normalised(0.9), side).to_type(ScalarType.Byte).unsqueeze(0));
                classes.Add(classNames.IndexOf(model.Class!));
            }
            catch (GanSharpException e) { skipped.Add($"{model.Name}: {e.Message}"); }
        }
        if (kept.Count == 0) throw new GanSharpException($"{folder}: no furniture model of a known class ({string.Join(", ", ClassNames)}) could be read");
        var grids = stack(kept);
        foreach (var k in kept) k.Dispose();
        return new VoxelCache.Entry(grids, classes.ToArray(), skipped);
    }

    public Batch Read(Tensor indices) => new(grids.index_select(0, indices).to_type(ScalarType.Float32), Labels: labels.index_select(0, indices));

    public void Dispose()
    {
        grids.Dispose();
        labels.Dispose();
    }
}
