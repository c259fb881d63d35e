using GanSharp.Data.Voxels;
using GanSharp.Imaging;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Data;

public sealed class VoxelGridTests
{
    [Fact]
    public void ACubeAlignedWithTheVoxels_FillsExactlyItsVoxels()
    {
        // Half-extent 0.5 at S = 32: centres (i + ½)/16 − 1 inside for i = 8 … 23, 16 voxels a side.
        using var grid = VoxelGrid.Voxelise(new Box(0.5, 0.5, 0.5), 32);
        Assert.Equal(16 * 16 * 16, (int)grid.sum().item<float>());
        Assert.Equal(1.0, VoxelGrid.Volume(grid), 12);   // (2 · 0.5)³
    }

    [Theory]   // closed-form volumes in the cube's units; voxel counts at 64³ converge to them like the surface's share of voxels, about 3/S
    [InlineData("sphere", 4.0 / 3 * Math.PI * 0.75 * 0.75 * 0.75)]
    [InlineData("cylinder", Math.PI * 0.5 * 0.5 * 2 * 0.6875)]
    [InlineData("cone", Math.PI * 0.6 * 0.6 * 2 * 0.6875 / 3)]
    [InlineData("torus", 2 * Math.PI * Math.PI * 0.55 * 0.2 * 0.2)]
    [InlineData("turned box", 0.8 * 0.6 * 1.0)]
    public void Solids_HaveTheirClosedFormVolumes_WithinTwoPercentAt64(string what, double volume)
    {
        Solid solid = what switch
        {
            "sphere" => new Sphere(0.75),
            "cylinder" => new Cylinder(0.5, 0.6875),   // ends on voxel boundaries (22/32), as a cone's base must be for 2 %
            "cone" => new Cone(0.6, 0.6875),
            "torus" => new Torus(0.55, 0.2),
            _ => new Posed(new Box(0.4, 0.3, 0.5), Math.PI / 5, 0.05, -0.05, 0.02),
        };
        using var grid = VoxelGrid.Voxelise(solid, 64);
        Assert.InRange(VoxelGrid.Volume(grid) / volume, 0.98, 1.02);
    }

    [Fact]
    public void ProceduralShapes_AreFixedByTheirIndex_OfEveryClassInTurn_AndInsideTheGrid()
    {
        var shapes = new ProceduralShapes(32, count: 70, seed: 5);
        var first = shapes.Read(arange(14L));
        var again = new ProceduralShapes(32, count: 70, seed: 5).Read(arange(14L));
        Assert.Equal(new long[] { 14, 1, 32, 32, 32 }, first.X.shape);
        Assert.True(first.X.eq(again.X).all().item<bool>());
        Assert.Equal(Enumerable.Range(0, 14).Select(i => (long)(i % 7)), first.Labels!.data<long>().ToArray());
        var other = new ProceduralShapes(32, count: 70, seed: 6).Read(arange(14L));
        Assert.False(first.X.eq(other.X).all().item<bool>());
        var filled = first.X.sum(new long[] { 1, 2, 3, 4 }).data<float>().ToArray();
        Assert.All(filled, f => Assert.InRange(f, 200, 32 * 32 * 32 * 0.7));   // every shape has substance and leaves room
        // Tables and chairs stand on the floor: their lowest filled layer is near the bottom (y = −0.85 → h ≈ 2).
        foreach (int i in new[] { 5, 6, 12, 13 })
        {
            var layers = first.X[i, 0].sum(new long[] { 0, 2 }).data<float>().ToArray();
            Assert.InRange(Array.FindIndex(layers, l => l > 0), 0, 4);
        }
    }

    [Fact]
    public void Render_OfOneVoxel_ShowsThreeShadedFaces_AndAnEmptyGridNothing()
    {
        using var empty = zeros(8, 8, 8);
        using var blank = VoxelRender.Render(empty);
        Assert.All(blank.Pixels, p => Assert.Equal(SkiaSharp.SKColors.White, p));
        using var one = zeros(8, 8, 8);
        one[3, 3, 3] = tensor(1f);
        using var cube = VoxelRender.Render(one, edge: 6);
        var colours = cube.Pixels.Where(p => p != SkiaSharp.SKColors.White).GroupBy(p => p).Where(g => g.Count() > 5).Select(g => g.Key).ToList();
        Assert.Equal(3, colours.Count);                                  // top, +x and +z faces
        var brightness = colours.Select(c => c.Red + c.Green + c.Blue).Order().ToList();
        Assert.True(brightness[0] < brightness[1] && brightness[1] < brightness[2]);   // three lights
    }
}
