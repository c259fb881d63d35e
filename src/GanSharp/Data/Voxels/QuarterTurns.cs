using static TorchSharp.torch;

namespace GanSharp.Data.Voxels;

/// <summary>
/// Rotation augmentation of voxel batches (`--augment turn`): each grid turned about the vertical axis
/// by 0, 90, 180 or 270 degrees and mirrored left–right with probability ½, so every model is seen in
/// the 8 orientations that stand it on the same floor. Quarter turns and mirrors are exact on the grid
/// (a permutation of voxels), unlike turns by other angles, which would need voxelising again. Wu et
/// al. (2016) train on ShapeNet's aligned models; a few hundred furniture models need the variety.
/// Grids are (B, 1, D, H, W) indexed [z, y, x] with y up, so the turn is in the (z, x) plane.
/// </summary>
public sealed record QuarterTurns : IBatchAugmentation
{
    public int? OutputSide => null;

    public Batch Apply(Batch batch, Generator? generator)
    {
        var g = generator ?? throw new ArgumentNullException(nameof(generator), "random turns need a generator");
        var x = batch.X;
        if (x.dim() != 5) throw new GanSharpException($"--augment turn turns voxel grids (B, 1, D, H, W), not ({string.Join(", ", x.shape)})");
        long n = x.shape[0];
        var turns = randint(4, new long[] { n }, generator: g).data<long>().ToArray();
        var mirrors = (rand(new long[] { n }, generator: g) < 0.5).data<bool>().ToArray();
        var parts = new Tensor[n];
        for (long i = 0; i < n; i++)
        {
            var grid = x.narrow(0, i, 1);
            if (turns[i] > 0) grid = grid.rot90(turns[i], (2, 4));
            parts[i] = mirrors[i] ? grid.flip(4) : grid;
        }
        return batch with { X = cat(parts, 0) };
    }
}
