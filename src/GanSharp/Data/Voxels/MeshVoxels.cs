using static TorchSharp.torch;

namespace GanSharp.Data.Voxels;

/// <summary>
/// Meshes to voxels and back. Voxelising is by ray parity: for every column of voxel centres
/// (x, y) a ray along z crosses the mesh's triangles; a centre is inside where the number of
/// crossings before it is odd. That needs a closed mesh (furniture models mostly are; open ones
/// fill wrongly in the columns through the gap) and no consistent orientation. Meshing back gives
/// every face between a filled and an empty voxel as two triangles, outward: a closed mesh whose
/// volume is exactly the filled voxels' (marching cubes would smooth the staircase; this one is exact).
/// </summary>
public static class MeshVoxels
{
    /// <summary>The mesh (in [−1, 1]³; see <see cref="TriangleMesh.Normalised"/>) as a (S, S, S) grid indexed [z, y, x].</summary>
    public static Tensor Voxelise(TriangleMesh mesh, int side)
    {
        var grid = new float[side * side * side];
        double Centre(int i) => (i + 0.5) * 2.0 / side - 1;
        var crossings = new List<double>();
        for (int yi = 0; yi < side; yi++)
            for (int xi = 0; xi < side; xi++)
            {
                // Off the centre by a hair no mesh coordinate has, so a ray never runs through a vertex or an edge exactly.
                double x = Centre(xi) + 1.3e-9, y = Centre(yi) + 2.9e-9;
                crossings.Clear();
                foreach (var (ia, ib, ic) in mesh.Triangles)
                    if (CrossingZ(mesh.Vertices[ia], mesh.Vertices[ib], mesh.Vertices[ic], x, y) is double z) crossings.Add(z);
                crossings.Sort();
                for (int zi = 0, k = 0; zi < side; zi++)
                {
                    double z = Centre(zi);
                    while (k < crossings.Count && crossings[k] < z) k++;
                    if (k % 2 == 1) grid[(zi * side + yi) * side + xi] = 1;
                }
            }
        return tensor(grid, new long[] { side, side, side });
    }

    /// <summary>
    /// Surface and fill, for meshes that are not closed (most downloaded models have gaps, open
    /// bottoms and overlapping parts, where ray parity fills whole columns wrongly): every voxel the
    /// surface passes through is filled (the triangles sampled at under half a voxel apart), then
    /// every empty voxel reachable from the grid's border through empty faces is outside and the
    /// rest is inside. Gaps narrower than a voxel close; a wider opening leaves the part behind it hollow.
    /// </summary>
    public static Tensor VoxeliseSurfaceAndFill(TriangleMesh mesh, int side)
    {
        int s = side;
        var grid = new float[s * s * s];
        int Cell(double c) => Math.Clamp((int)Math.Floor((c + 1) * s / 2), 0, s - 1);
        foreach (var (ia, ib, ic) in mesh.Triangles)
        {
            var (a, b, c) = (mesh.Vertices[ia], mesh.Vertices[ib], mesh.Vertices[ic]);
            double longest = Math.Max(Distance(a, b), Math.Max(Distance(b, c), Distance(c, a))) * s / 2;   // in voxels
            int n = Math.Max(1, (int)Math.Ceiling(longest * 2));
            for (int i = 0; i <= n; i++)
                for (int j = 0; i + j <= n; j++)
                {
                    double u = (double)i / n, v = (double)j / n;
                    grid[(Cell(a.Z + u * (b.Z - a.Z) + v * (c.Z - a.Z)) * s + Cell(a.Y + u * (b.Y - a.Y) + v * (c.Y - a.Y))) * s + Cell(a.X + u * (b.X - a.X) + v * (c.X - a.X))] = 1;
                }
        }
        FillUnreachable(grid, s);
        return tensor(grid, new long[] { s, s, s });
    }

    /// <summary>Marks every empty voxel that no path of empty voxels (through faces) joins to the border as filled.</summary>
    private static void FillUnreachable(float[] grid, int s)
    {
        var outside = new bool[grid.Length];
        var queue = new Queue<int>();
        void Visit(int z, int y, int x)
        {
            if (x < 0 || y < 0 || z < 0 || x >= s || y >= s || z >= s) return;
            int i = (z * s + y) * s + x;
            if (outside[i] || grid[i] > 0) return;
            outside[i] = true;
            queue.Enqueue(i);
        }
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++)
            {
                Visit(0, a, b); Visit(s - 1, a, b); Visit(a, 0, b); Visit(a, s - 1, b); Visit(a, b, 0); Visit(a, b, s - 1);
            }
        while (queue.Count > 0)
        {
            int i = queue.Dequeue(), x = i % s, y = i / s % s, z = i / (s * s);
            Visit(z, y, x - 1); Visit(z, y, x + 1); Visit(z, y - 1, x); Visit(z, y + 1, x); Visit(z - 1, y, x); Visit(z + 1, y, x);
        }
        for (int i = 0; i < grid.Length; i++) if (!outside[i]) grid[i] = 1;
    }

    private static double Distance((double X, double Y, double Z) p, (double X, double Y, double Z) q) =>
        Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y) + (p.Z - q.Z) * (p.Z - q.Z));

    /// <summary>Where the vertical line through (x, y) crosses the triangle, by barycentric coordinates in the xy-plane; null when it misses.</summary>
    private static double? CrossingZ((double X, double Y, double Z) a, (double X, double Y, double Z) b, (double X, double Y, double Z) c, double x, double y)
    {
        double det = (b.Y - c.Y) * (a.X - c.X) + (c.X - b.X) * (a.Y - c.Y);
        if (Math.Abs(det) < 1e-15) return null;   // seen edge-on from above
        double l1 = ((b.Y - c.Y) * (x - c.X) + (c.X - b.X) * (y - c.Y)) / det;
        double l2 = ((c.Y - a.Y) * (x - c.X) + (a.X - c.X) * (y - c.Y)) / det;
        double l3 = 1 - l1 - l2;
        if (l1 <= 0 || l2 <= 0 || l3 <= 0) return null;
        return l1 * a.Z + l2 * b.Z + l3 * c.Z;
    }

    /// <summary>The boundary faces of a (S, S, S) grid's filled voxels as an outward triangle mesh in [−1, 1]³.</summary>
    public static TriangleMesh Mesh(Tensor grid)
    {
        int s = (int)grid.shape[^1];
        var filled = (grid.to_type(ScalarType.Float32) > 0.5f).data<bool>().ToArray();
        bool At(int z, int y, int x) => x >= 0 && y >= 0 && z >= 0 && x < s && y < s && z < s && filled[(z * s + y) * s + x];
        var vertices = new List<(double, double, double)>();
        var index = new Dictionary<(int, int, int), int>();
        var triangles = new List<(int, int, int)>();
        int V(int x, int y, int z)
        {
            if (!index.TryGetValue((x, y, z), out int i)) { i = vertices.Count; index[(x, y, z)] = i; vertices.Add((x * 2.0 / s - 1, y * 2.0 / s - 1, z * 2.0 / s - 1)); }
            return i;
        }
        void Quad(int a, int b, int c, int d) { triangles.Add((a, b, c)); triangles.Add((a, c, d)); }
        for (int z = 0; z < s; z++)
            for (int y = 0; y < s; y++)
                for (int x = 0; x < s; x++)
                {
                    if (!At(z, y, x)) continue;
                    // Corners counter-clockwise seen from outside, so normals point out.
                    if (!At(z, y, x - 1)) Quad(V(x, y, z), V(x, y, z + 1), V(x, y + 1, z + 1), V(x, y + 1, z));
                    if (!At(z, y, x + 1)) Quad(V(x + 1, y, z), V(x + 1, y + 1, z), V(x + 1, y + 1, z + 1), V(x + 1, y, z + 1));
                    if (!At(z, y - 1, x)) Quad(V(x, y, z), V(x + 1, y, z), V(x + 1, y, z + 1), V(x, y, z + 1));
                    if (!At(z, y + 1, x)) Quad(V(x, y + 1, z), V(x, y + 1, z + 1), V(x + 1, y + 1, z + 1), V(x + 1, y + 1, z));
                    if (!At(z - 1, y, x)) Quad(V(x, y, z), V(x, y + 1, z), V(x + 1, y + 1, z), V(x + 1, y, z));
                    if (!At(z + 1, y, x)) Quad(V(x, y, z + 1), V(x + 1, y, z + 1), V(x + 1, y + 1, z + 1), V(x, y + 1, z + 1));
                }
        return new TriangleMesh(vertices, triangles);
    }
}
