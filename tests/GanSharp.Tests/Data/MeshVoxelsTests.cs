using GanSharp.Data.Voxels;
using Xunit;

namespace GanSharp.Tests.Data;

public sealed class MeshVoxelsTests
{
    /// <summary>An OBJ of a box of half-extents (a, b, c) as six quads (the way modelling programs write them), with a vt line and v//vn corners to skip.</summary>
    private static string BoxObj(double a, double b, double c) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
        # a box
        v {-a} {-b} {-c}
        v {a} {-b} {-c}
        v {a} {b} {-c}
        v {-a} {b} {-c}
        v {-a} {-b} {c}
        v {a} {-b} {c}
        v {a} {b} {c}
        v {-a} {b} {c}
        vt 0 0
        f 1 4 3 2
        f 5 6 7 8
        f 1 2 6 5
        f 4 8 7 3
        f 1//1 5//1 8//1 4//1
        f -7 -6 -2 -3
        """);

    /// <summary>An octahedron |x| + |y| + |z| ≤ r: volume 4r³/3, faces at every slope.</summary>
    private static string OctahedronObj(double r)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (x, y, z) in new[] { (r, 0.0, 0.0), (-r, 0, 0), (0, r, 0), (0, -r, 0), (0, 0, r), (0, 0, -r) })
            text.Append(System.FormattableString.Invariant($"v {x} {y} {z}\n"));
        foreach (var (a, b, c) in new[] { (1, 3, 5), (3, 2, 5), (2, 4, 5), (4, 1, 5), (3, 1, 6), (2, 3, 6), (4, 2, 6), (1, 4, 6) })
            text.Append($"f {a} {b} {c}\n");
        return text.ToString();
    }

    [Fact]
    public void AnObjBox_ReadsWithItsVolume_AndVoxelisesToIt()
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllText(tmp.File("box.obj"), BoxObj(0.5, 0.25, 0.75));
        var mesh = TriangleMesh.ReadObj(tmp.File("box.obj"));
        Assert.Equal(12, mesh.Triangles.Count);
        Assert.Equal(1.0 * 0.5 * 1.5, Math.Abs(mesh.Volume()), 12);
        using var grid = MeshVoxels.Voxelise(mesh, 32);
        Assert.Equal(16 * 8 * 24, (int)grid.sum().item<float>());   // aligned with the voxels: exact
    }

    [Fact]
    public void AnOctahedron_RoundTripsThroughVoxelsAndBackToAMeshOfTheSameVolume()
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllText(tmp.File("octahedron.obj"), OctahedronObj(0.85));
        var mesh = TriangleMesh.ReadObj(tmp.File("octahedron.obj"));
        double exact = 4 * Math.Pow(0.85, 3) / 3;
        Assert.Equal(exact, Math.Abs(mesh.Volume()), 12);
        using var grid = MeshVoxels.Voxelise(mesh, 64);
        double voxels = GanSharp.Data.Voxels.VoxelGrid.Volume(grid);
        Assert.InRange(voxels / exact, 0.97, 1.03);
        var back = MeshVoxels.Mesh(grid);
        Assert.Equal(voxels, back.Volume(), 9);                   // the voxel mesh encloses exactly the filled voxels, outward
        File.WriteAllText(tmp.File("back.obj"), back.ToObj());
        var reread = TriangleMesh.ReadObj(tmp.File("back.obj"));
        Assert.Equal(back.Volume(), reread.Volume(), 9);
        using var again = MeshVoxels.Voxelise(reread, 64);
        Assert.True(again.eq(grid).all().item<bool>());           // and voxelises back to the same grid
    }

    [Fact]
    public void SurfaceAndFill_HoldsEveryParityVoxel_PlusOnlySurfaceVoxels_AndClosesAGapNarrowerThanAVoxel()
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllText(tmp.File("octahedron.obj"), OctahedronObj(0.85));
        var mesh = TriangleMesh.ReadObj(tmp.File("octahedron.obj"));
        using var parity = MeshVoxels.Voxelise(mesh, 32);
        using var filled = MeshVoxels.VoxeliseSurfaceAndFill(mesh, 32);
        Assert.True((filled >= parity).all().item<bool>());                     // nothing inside is lost
        double extra = (filled - parity).sum().item<float>(), inside = parity.sum().item<float>();
        Assert.InRange(extra / inside, 0.01, 0.35);                              // the surface layer, at most a shell of voxels
        // The same octahedron with every triangle shrunk a hair towards its centre (cracks of about 1/100 voxel along every edge):
        // still solid inside, its surface voxels nearly the same.
        using var gapped = MeshVoxels.VoxeliseSurfaceAndFill(Split(mesh, 0.0006), 32);
        Assert.True((gapped >= parity).all().item<bool>());
        Assert.InRange((gapped - filled).abs().sum().item<float>() / filled.sum().item<float>(), 0, 0.01);
    }

    /// <summary>Every triangle with its own copies of its vertices, moved towards its centre by <paramref name="shrink"/>: a mesh of cracks.</summary>
    private static TriangleMesh Split(TriangleMesh mesh, double shrink)
    {
        var vertices = new List<(double X, double Y, double Z)>();
        var triangles = new List<(int, int, int)>();
        foreach (var (a, b, c) in mesh.Triangles)
        {
            var corners = new[] { mesh.Vertices[a], mesh.Vertices[b], mesh.Vertices[c] };
            var centre = (X: corners.Average(p => p.X), Y: corners.Average(p => p.Y), Z: corners.Average(p => p.Z));
            foreach (var p in corners) vertices.Add((p.X + (centre.X - p.X) * shrink, p.Y + (centre.Y - p.Y) * shrink, p.Z + (centre.Z - p.Z) * shrink));
            triangles.Add((vertices.Count - 3, vertices.Count - 2, vertices.Count - 1));
        }
        return new TriangleMesh(vertices, triangles);
    }

    [Theory]
    [InlineData("v 1 2\nf 1 1 1\n", ":1: a vertex is 'v x y z'")]
    [InlineData("v 0 0 0\nv 1 0 0\nf 1 2\nf 1\n", ":4: a face needs at least three vertices")]
    [InlineData("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 7\n", ":4: vertex 7 does not exist (the file has 3 vertices so far)")]
    [InlineData("v 0 0 0\n", "no faces")]
    public void ABadObj_IsAnErrorNamingTheFileAndLine(string text, string message)
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllText(tmp.File("bad.obj"), text);
        var e = Assert.Throws<GanSharpException>(() => TriangleMesh.ReadObj(tmp.File("bad.obj")));
        Assert.Contains(tmp.File("bad.obj"), e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Normalised_CentresTheMesh_AndScalesItsLongestSide()
    {
        var mesh = new TriangleMesh(new[] { (2.0, 10.0, 5.0), (6.0, 11.0, 5.0), (4.0, 12.0, 7.0) }, new[] { (0, 1, 2) }).Normalised(0.9);
        Assert.Equal(-0.9, mesh.Vertices.Min(v => v.X), 12);
        Assert.Equal(0.9, mesh.Vertices.Max(v => v.X), 12);
        Assert.Equal(0.0, (mesh.Vertices.Min(v => v.Y) + mesh.Vertices.Max(v => v.Y)) / 2, 12);
    }
}
