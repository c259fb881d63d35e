using static TorchSharp.torch;

namespace GanSharp.Data.Voxels;

/// <summary>
/// Procedural 3-D shapes with their class, voxelised on the fly (`--data shapes`): boxes, spheres,
/// cylinders, cones, tori, tables (a top on four legs) and chairs (a seat on four legs, with a back),
/// each of random proportions and size, turned about the vertical axis and moved a little. Shape i
/// is drawn from a stream seeded by (seed, i), so the set is fixed: `count` shapes that epochs
/// permute, as any data set, and a resumed run sees the same ones. Each grid is voxelised once and
/// kept as bytes (32³: 32 KB a shape, 10,000 shapes 330 MB) while the kept ones stay under 1 GB; past that, shapes are made again when read.
/// </summary>
public sealed class ProceduralShapes : IDataSource
{
    /// <summary>What --data names this set by.</summary>
    public const string Name = "shapes";

    public static readonly IReadOnlyList<string> ClassNames = new[] { "box", "sphere", "cylinder", "cone", "torus", "table", "chair" };

    private readonly int side;
    private readonly long seed;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte[]> made = new();
    private long keptBytes;
    private const long KeepAtMost = 1L << 30;

    public long Count { get; }
    public DataShape Shape { get; }
    public string Description => $"procedural shapes ({Count:N0}: {string.Join(", ", ClassNames)}) at {side}³, seed {seed}";

    public ProceduralShapes(int side, long count = 10_000, long seed = 0)
    {
        if (side is < 8 or > 128) throw new GanSharpException($"--resolution {side}: procedural shapes are made at 8³ to 128³");
        if (count < 1) throw new GanSharpException($"the shapes set needs at least one shape, got {count}");
        (this.side, this.seed, Count) = (side, seed, count);
        Shape = new DataShape(Modality.Voxels, 1, new[] { side, side, side }, ClassNames.Count);
    }

    public Batch Read(Tensor indices)
    {
        var ids = indices.to_type(ScalarType.Int64).data<long>().ToArray();
        var grids = new Tensor[ids.Length];
        var labels = new long[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] < 0 || ids[i] >= Count) throw new ArgumentOutOfRangeException(nameof(indices), $"shape {ids[i]} of {Count}");
            labels[i] = ids[i] % ClassNames.Count;
            grids[i] = Grid(ids[i]).unsqueeze(0);
        }
        return new Batch(stack(grids), Labels: tensor(labels));
    }

    /// <summary>Shape <paramref name="index"/>'s grid (S, S, S): kept from an earlier read, or voxelised now.</summary>
    private Tensor Grid(long index)
    {
        long cells = (long)side * side * side;
        if (made.TryGetValue(index, out var bytes)) return tensor(bytes, new[] { (long)side, side, side }, ScalarType.Byte).to_type(ScalarType.Float32);
        var grid = VoxelGrid.Voxelise(Make(index).Solid, side);
        if (Interlocked.Read(ref keptBytes) + cells <= KeepAtMost && made.TryAdd(index, grid.to_type(ScalarType.Byte).data<byte>().ToArray()))
            Interlocked.Add(ref keptBytes, cells);
        return grid;
    }

    /// <summary>Shape <paramref name="index"/>: its class (index i has class i mod 7, so every class is as common) and its solid.</summary>
    public (int Label, Solid Solid) Make(long index)
    {
        var random = new Random(StreamSeed(seed, index));
        int label = (int)(index % ClassNames.Count);
        double U(double low, double high) => low + (high - low) * random.NextDouble();
        Solid solid = label switch
        {
            0 => new Box(U(0.25, 0.75), U(0.25, 0.75), U(0.25, 0.75)),
            1 => new Sphere(U(0.4, 0.85)),
            2 => new Cylinder(U(0.25, 0.6), U(0.4, 0.85)),
            3 => new Cone(U(0.4, 0.8), U(0.45, 0.85)),
            4 => Torus(U),
            5 => Table(U),
            _ => Chair(U),
        };
        return (label, new Posed(solid, U(0, 2 * Math.PI), U(-0.05, 0.05), U(-0.05, 0.05), U(-0.05, 0.05)));
    }

    private static Solid Torus(Func<double, double, double> u)
    {
        double minor = u(0.12, 0.25);
        return new Torus(u(0.35, 0.85 - minor), minor);
    }

    /// <summary>A top of random width, depth and height on four legs set in from its corners.</summary>
    private static Solid Table(Func<double, double, double> u)
    {
        double w = u(0.5, 0.85), d = u(0.35, 0.8), top = u(0.0, 0.5), thick = u(0.05, 0.1), leg = u(0.05, 0.09), inset = u(0.0, 0.1);
        double floor = -0.85, legHeight = (top - thick - floor) / 2;
        var parts = new List<Solid> { new Box(w, thick, d, 0, top, 0) };
        foreach (var (sx, sz) in Corners) parts.Add(new Box(leg, legHeight, leg, sx * (w - leg - inset), floor + legHeight, sz * (d - leg - inset)));
        return new Union(parts);
    }

    /// <summary>A seat on four legs with a back rising from its rear edge.</summary>
    private static Solid Chair(Func<double, double, double> u)
    {
        double w = u(0.35, 0.6), d = u(0.35, 0.6), seat = u(-0.25, 0.1), thick = u(0.05, 0.09), leg = u(0.04, 0.08), backTop = u(0.5, 0.85), backThick = u(0.04, 0.08);
        double floor = -0.85, legHeight = (seat - thick - floor) / 2, backHeight = (backTop - seat) / 2;
        var parts = new List<Solid> { new Box(w, thick, d, 0, seat, 0), new Box(w, backHeight, backThick, 0, seat + backHeight, -d + backThick) };
        foreach (var (sx, sz) in Corners) parts.Add(new Box(leg, legHeight, leg, sx * (w - leg), floor + legHeight, sz * (d - leg)));
        return new Union(parts);
    }

    private static readonly (int, int)[] Corners = { (-1, -1), (-1, 1), (1, -1), (1, 1) };

    /// <summary>A 32-bit seed from (seed, index) by SplitMix64: stable across runs, processes and platforms.</summary>
    private static int StreamSeed(long seed, long index)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index + 0x632BE59BD9B4E019UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }

    public void Dispose() { }
}
