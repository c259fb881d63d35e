using GanSharp.Data.Voxels;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Data;

public sealed class SurfaceNetsTests
{
    /// <summary>Every edge of a closed, consistently wound mesh is used once in each direction.</summary>
    private static void AssertClosed(TriangleMesh mesh)
    {
        var directed = new HashSet<(int, int)>();
        foreach (var (a, b, c) in mesh.Triangles)
            foreach (var edge in new[] { (a, b), (b, c), (c, a) })
                Assert.True(directed.Add(edge), $"edge {edge} used twice in one direction");
        Assert.All(directed, e => Assert.Contains((e.Item2, e.Item1), directed));
    }

    [Fact]
    public void ABox_MeshesClosedAndOutward_WithItsVolumeLessOnlyTheCornerChamfers()
    {
        using var grid = zeros(16, 16, 16);
        grid[TensorIndex.Slice(4, 12), TensorIndex.Slice(2, 14), TensorIndex.Slice(6, 10)] = 1;   // 8 × 12 × 4 voxels
        var mesh = SurfaceNets.Mesh(grid);
        AssertClosed(mesh);
        double voxels = VoxelGrid.Volume(grid);
        Assert.Equal(8 * 12 * 4 * Math.Pow(2.0 / 16, 3), voxels, 9);
        // The faces lie exactly on the voxels' faces (x from voxel 6 to 10 of 16: [−0.25, 0.25]); the edges are bevelled: an edge
        // cube's vertex sits a quarter voxel in from the last centres in both axes, where the box's edge is half a voxel out,
        // cutting a quarter of a voxel's area from the cross-section along each of the 4 (8 + 12 + 4) = 96 voxels of edge
        // (a little less where the corners' bevels overlap).
        Assert.Equal(0.25, mesh.Vertices.Max(v => v.X), 12);
        Assert.Equal(-0.25, mesh.Vertices.Min(v => v.X), 12);
        double lostVoxels = (voxels - mesh.Volume()) / Math.Pow(2.0 / 16, 3);
        Assert.InRange(lostVoxels, 0.25 * (96 - 3 * 8), 0.25 * 96);
    }

    [Fact]
    public void ASphere_MeshesToTheClosedFormVolume()
    {
        const int side = 48;
        const double r = 0.7;
        using var grid = VoxelGrid.Voxelise(new Sphere(r), side);
        var mesh = SurfaceNets.Mesh(grid);
        AssertClosed(mesh);
        Assert.InRange(mesh.Volume() / (4 * Math.PI * r * r * r / 3), 0.97, 1.02);
        Assert.All(mesh.Vertices, v => Assert.InRange(Math.Sqrt(v.X * v.X + v.Y * v.Y + v.Z * v.Z), r - 2.0 / side, r + 2.0 / side));   // within a voxel of the sphere
    }

    [Fact]
    public void SoftOccupancies_PlaceTheSurfaceWhereTheyCrossTheLevel()
    {
        // One column of voxels along x: 1 up to x = 7, then 0.75, 0.25, 0 — the 0.5 level lies halfway between voxels 8 and 9.
        using var grid = zeros(12, 12, 12);
        grid[TensorIndex.Slice(3, 9), TensorIndex.Slice(3, 9), TensorIndex.Slice(2, 8)] = 1;
        grid[TensorIndex.Slice(3, 9), TensorIndex.Slice(3, 9), 8] = 0.75f;
        grid[TensorIndex.Slice(3, 9), TensorIndex.Slice(3, 9), 9] = 0.25f;
        var mesh = SurfaceNets.Mesh(grid);
        AssertClosed(mesh);
        double voxelCentre8 = (8 + 0.5) * 2 / 12.0 - 1, voxelCentre9 = (9 + 0.5) * 2 / 12.0 - 1;
        Assert.Equal((voxelCentre8 + voxelCentre9) / 2, mesh.Vertices.Max(v => v.X), 9);
    }

    [Fact]
    public void AnObjWrittenByTheTest_RoundTripsThroughVoxelsAndSurfaceNets_ToTheSameVolume()
    {
        using var tmp = TestSetup.Temp();
        // An octahedron |x| + |y| + |z| ≤ 0.85: volume 4r³/3.
        const double r = 0.85;
        var text = new System.Text.StringBuilder();
        foreach (var (x, y, z) in new[] { (r, 0.0, 0.0), (-r, 0, 0), (0, r, 0), (0, -r, 0), (0, 0, r), (0, 0, -r) })
            text.Append(System.FormattableString.Invariant($"v {x} {y} {z}\n"));
        foreach (var (a, b, c) in new[] { (1, 3, 5), (3, 2, 5), (2, 4, 5), (4, 1, 5), (3, 1, 6), (2, 3, 6), (4, 2, 6), (1, 4, 6) })
            text.Append($"f {a} {b} {c}\n");
        File.WriteAllText(tmp.File("octahedron.obj"), text.ToString());
        var mesh = TriangleMesh.ReadObj(tmp.File("octahedron.obj"));
        using var grid = MeshVoxels.Voxelise(mesh, 64);
        var smooth = SurfaceNets.Mesh(grid);
        File.WriteAllText(tmp.File("smooth.obj"), smooth.ToObj());
        var back = TriangleMesh.ReadObj(tmp.File("smooth.obj"));
        Assert.InRange(back.Volume() / (4 * r * r * r / 3), 0.97, 1.03);
        AssertClosed(back);
    }
}
