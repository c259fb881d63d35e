using static TorchSharp.torch;

namespace GanSharp.Data.Voxels;

/// <summary>
/// Sweet Home 3D's furniture as voxel grids (`--data furniture`): every model of the catalogues
/// whose name gives it a class (<see cref="FurnitureCatalog.Classes"/>), turned upright by its
/// catalogue, centred and scaled so its longest side spans 90 % of the cube, and voxelised by
/// surface and fill (downloaded models are rarely closed). All are voxelised once, when the set is
/// opened (a few seconds); a model that does not read is left out and named in <see cref="Skipped"/>.
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

    public FurnitureMeshes(int side, string folder = FurnitureCatalog.DebianFolder)
    {
        if (side is < 8 or > 128) throw new GanSharpException($"--resolution {side}: furniture is voxelised at 8³ to 128³");
        var models = FurnitureCatalog.Read(folder).Where(m => m.Class is not null).ToList();
        var kept = new List<Tensor>();
        var classes = new List<long>();
        var skipped = new List<string>();
        foreach (var model in models)
        {
            try
            {
                kept.Add(MeshVoxels.VoxeliseSurfaceAndFill(FurnitureCatalog.Mesh(model).Normalised(0.9), side).to_type(ScalarType.Byte).unsqueeze(0));
                classes.Add(FurnitureCatalog.Classes.Select(c => c.Class).ToList().IndexOf(model.Class!));
            }
            catch (GanSharpException e) { skipped.Add($"{model.Name}: {e.Message}"); }
        }
        if (kept.Count == 0) throw new GanSharpException($"{folder}: no furniture model of a known class ({string.Join(", ", ClassNames)}) could be read");
        grids = stack(kept);
        labels = tensor(classes.ToArray());
        foreach (var k in kept) k.Dispose();
        Skipped = skipped;
        Shape = new DataShape(Modality.Voxels, 1, new[] { side, side, side }, ClassNames.Count);
        Description = $"Sweet Home 3D furniture from {folder} ({Count:N0} models: {string.Join(", ", ClassNames.Select((c, i) => $"{classes.Count(l => l == i)} {c}"))}) at {side}³";
    }

    public Batch Read(Tensor indices) => new(grids.index_select(0, indices).to_type(ScalarType.Float32), Labels: labels.index_select(0, indices));

    public void Dispose()
    {
        grids.Dispose();
        labels.Dispose();
    }
}
