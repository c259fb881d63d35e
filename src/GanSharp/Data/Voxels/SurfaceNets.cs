using static TorchSharp.torch;

namespace GanSharp.Data.Voxels;

/// <summary>
/// A smooth, closed mesh of a voxel grid's 0.5 level: naive surface nets (Gibson 1998, "Constrained
/// elastic surface nets"), the dual of marching cubes. Every cube of 8 neighbouring voxel centres the
/// level passes through gets one vertex, the mean of the points where the level crosses its edges
/// (linearly interpolated, so a generator's soft occupancies give smooth surfaces); every pair of
/// neighbouring centres on two sides of the level gets the quad of the 4 cubes around their edge.
/// Unlike marching cubes it needs no case tables and never leaves holes; the grid is padded with empty
/// voxels, so the mesh is always closed. Coordinates are those of <see cref="MeshVoxels"/>: [−1, 1]³,
/// grid index [z, y, x].
/// </summary>
public static class SurfaceNets
{
    public static TriangleMesh Mesh(Tensor grid, float level = 0.5f)
    {
        if (grid.dim() != 3 || grid.shape[0] != grid.shape[1] || grid.shape[1] != grid.shape[2])
            throw new ArgumentException($"a mesh is made of one (S, S, S) grid, not ({string.Join(", ", grid.shape)})");
        int s = (int)grid.shape[0], p = s + 2;               // padded with one empty layer all round
        var values = grid.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        float F(int x, int y, int z) => x < 1 || y < 1 || z < 1 || x > s || y > s || z > s ? 0f : values[((z - 1) * s + (y - 1)) * s + (x - 1)];
        double Coordinate(double padded) => (padded - 0.5) * 2.0 / s - 1;   // padded sample i sits at voxel i − 1's centre

        // One vertex per cube (x, y, z) .. (x + 1, y + 1, z + 1) of padded samples that the level passes through.
        var vertices = new List<(double X, double Y, double Z)>();
        var cubeVertex = new Dictionary<int, int>();
        int Cube(int x, int y, int z) => (z * p + y) * p + x;
        for (int z = 0; z < p - 1; z++)
            for (int y = 0; y < p - 1; y++)
                for (int x = 0; x < p - 1; x++)
                {
                    double sx = 0, sy = 0, sz = 0;
                    int crossings = 0;
                    void Edge(int x0, int y0, int z0, int x1, int y1, int z1)
                    {
                        float a = F(x0, y0, z0), b = F(x1, y1, z1);
                        if ((a > level) == (b > level)) return;
                        double t = (level - a) / (b - a);
                        sx += x0 + t * (x1 - x0); sy += y0 + t * (y1 - y0); sz += z0 + t * (z1 - z0);
                        crossings++;
                    }
                    for (int i = 0; i < 2; i++)
                        for (int j = 0; j < 2; j++)
                        {
                            Edge(x, y + i, z + j, x + 1, y + i, z + j);
                            Edge(x + i, y, z + j, x + i, y + 1, z + j);
                            Edge(x + i, y + j, z, x + i, y + j, z + 1);
                        }
                    if (crossings == 0) continue;
                    cubeVertex[Cube(x, y, z)] = vertices.Count;
                    vertices.Add((Coordinate(sx / crossings), Coordinate(sy / crossings), Coordinate(sz / crossings)));
                }

        // One quad per crossing edge, wound so its normal points from the filled side to the empty one.
        var triangles = new List<(int, int, int)>();
        void Quad(bool outwardPositive, int a, int b, int c, int d)
        {
            if (outwardPositive) { triangles.Add((a, b, c)); triangles.Add((a, c, d)); }
            else { triangles.Add((a, c, b)); triangles.Add((a, d, c)); }
        }
        int V(int x, int y, int z) => cubeVertex[Cube(x, y, z)];
        bool In(int x, int y, int z) => F(x, y, z) > level;
        // Edges from sample (x, y, z) to its neighbour along one axis, each surrounded by the four cubes
        // that share it, listed counter-clockwise about the axis.
        for (int z = 1; z <= s; z++)
            for (int y = 1; y <= s; y++)
                for (int x = 0; x <= s; x++)
                    if (In(x, y, z) != In(x + 1, y, z)) Quad(In(x, y, z), V(x, y - 1, z - 1), V(x, y, z - 1), V(x, y, z), V(x, y - 1, z));
        for (int z = 1; z <= s; z++)
            for (int y = 0; y <= s; y++)
                for (int x = 1; x <= s; x++)
                    if (In(x, y, z) != In(x, y + 1, z)) Quad(In(x, y, z), V(x - 1, y, z - 1), V(x - 1, y, z), V(x, y, z), V(x, y, z - 1));
        for (int z = 0; z <= s; z++)
            for (int y = 1; y <= s; y++)
                for (int x = 1; x <= s; x++)
                    if (In(x, y, z) != In(x, y, z + 1)) Quad(In(x, y, z), V(x - 1, y - 1, z), V(x, y - 1, z), V(x, y, z), V(x - 1, y, z));
        return new TriangleMesh(vertices, triangles);
    }
}
