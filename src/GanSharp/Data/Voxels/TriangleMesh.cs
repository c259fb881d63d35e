using System.Globalization;

namespace GanSharp.Data.Voxels;

/// <summary>
/// A triangle mesh: vertices (x, y, z) and triangles as vertex indices. Read from Wavefront OBJ
/// (v and f lines; polygons fanned into triangles; v/vt/vn and negative indices; two-corner "faces",
/// which some exporters write for edges, and everything else ignored), written back as OBJ, and measured: its enclosed volume by the divergence theorem
/// (the sum of the signed tetrahedra each triangle spans with the origin), exact for a closed,
/// consistently oriented mesh.
/// </summary>
public sealed record TriangleMesh(IReadOnlyList<(double X, double Y, double Z)> Vertices, IReadOnlyList<(int A, int B, int C)> Triangles)
{
    public static TriangleMesh ReadObj(string path)
    {
        if (!File.Exists(path)) throw new GanSharpException($"{path}: no such OBJ file");
        return ReadObj(File.ReadLines(path), path);
    }

    /// <summary>OBJ text given as lines; <paramref name="path"/> names it in errors (a file, or a model inside a catalogue).</summary>
    public static TriangleMesh ReadObj(IEnumerable<string> lines, string path)
    {
        var vertices = new List<(double, double, double)>();
        var triangles = new List<(int, int, int)>();
        int number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.StartsWith("v ", StringComparison.Ordinal))
            {
                var p = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (p.Length < 4 || !Real(p[1], out double x) || !Real(p[2], out double y) || !Real(p[3], out double z))
                    throw new GanSharpException($"{path}:{number}: a vertex is 'v x y z' with three numbers, not '{Short(line)}'");
                vertices.Add((x, y, z));
            }
            else if (line.StartsWith("f ", StringComparison.Ordinal))
            {
                var corners = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(c => Corner(c, vertices.Count, path, number)).ToList();
                if (corners.Count == 2) continue;   // an edge some exporters write as a face: no surface, nothing to voxelise
                if (corners.Count < 3) throw new GanSharpException($"{path}:{number}: a face needs at least three vertices, not '{Short(line)}'");
                for (int i = 1; i + 1 < corners.Count; i++) triangles.Add((corners[0], corners[i], corners[i + 1]));
            }
        }
        if (triangles.Count == 0) throw new GanSharpException($"{path}: no faces (f lines) in this OBJ file");
        return new TriangleMesh(vertices, triangles);
    }

    /// <summary>A face corner "7", "7/2", "7//3" or "-1" as a 0-based vertex index, checked against the vertices read so far.</summary>
    private static int Corner(string text, int count, string path, int number)
    {
        var head = text.Split('/')[0];
        if (!int.TryParse(head, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index) || index == 0)
            throw new GanSharpException($"{path}:{number}: '{text}' is not a vertex number");
        int zeroBased = index > 0 ? index - 1 : count + index;
        if (zeroBased < 0 || zeroBased >= count) throw new GanSharpException($"{path}:{number}: vertex {index} does not exist (the file has {count} vertices so far)");
        return zeroBased;
    }

    private static bool Real(string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static string Short(string line) => line.Length <= 60 ? line : line[..60] + "…";

    /// <summary>The volume enclosed, Σ (a · (b × c)) / 6 over the triangles; its sign says the orientation (positive: normals outwards).</summary>
    public double Volume()
    {
        double sum = 0;
        foreach (var (ia, ib, ic) in Triangles)
        {
            var (a, b, c) = (Vertices[ia], Vertices[ib], Vertices[ic]);
            sum += a.X * (b.Y * c.Z - b.Z * c.Y) - a.Y * (b.X * c.Z - b.Z * c.X) + a.Z * (b.X * c.Y - b.Y * c.X);
        }
        return sum / 6;
    }

    /// <summary>The mesh with every vertex multiplied by the 3×3 matrix <paramref name="m"/> (row-major), as a catalogue's modelRotation turns a model upright.</summary>
    public TriangleMesh Rotated(IReadOnlyList<double> m) =>
        this with { Vertices = Vertices.Select(v => (m[0] * v.X + m[1] * v.Y + m[2] * v.Z, m[3] * v.X + m[4] * v.Y + m[5] * v.Z, m[6] * v.X + m[7] * v.Y + m[8] * v.Z)).ToList() };

    /// <summary>The mesh moved and scaled uniformly so its bounding box is centred and its longest side spans 2·<paramref name="fill"/> of [−1, 1].</summary>
    public TriangleMesh Normalised(double fill = 0.9)
    {
        if (Vertices.Count == 0) return this;
        double Min(Func<(double X, double Y, double Z), double> f) => Vertices.Min(f);
        double Max(Func<(double X, double Y, double Z), double> f) => Vertices.Max(f);
        var (cx, cy, cz) = ((Min(v => v.X) + Max(v => v.X)) / 2, (Min(v => v.Y) + Max(v => v.Y)) / 2, (Min(v => v.Z) + Max(v => v.Z)) / 2);
        double half = new[] { Max(v => v.X) - Min(v => v.X), Max(v => v.Y) - Min(v => v.Y), Max(v => v.Z) - Min(v => v.Z) }.Max() / 2;
        double s = half > 0 ? fill / half : 1;
        return this with { Vertices = Vertices.Select(v => ((v.X - cx) * s, (v.Y - cy) * s, (v.Z - cz) * s)).ToList() };
    }

    /// <summary>The mesh as OBJ text (1-based indices).</summary>
    public string ToObj()
    {
        var text = new System.Text.StringBuilder("# written by GanSharp\n");
        foreach (var (x, y, z) in Vertices) text.Append(CultureInfo.InvariantCulture, $"v {x:R} {y:R} {z:R}\n");
        foreach (var (a, b, c) in Triangles) text.Append(CultureInfo.InvariantCulture, $"f {a + 1} {b + 1} {c + 1}\n");
        return text.ToString();
    }
}
