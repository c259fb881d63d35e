using SkiaSharp;
using static TorchSharp.torch;

namespace GanSharp.Imaging;

/// <summary>
/// Voxel grids drawn as shaded isometric cubes, seen from the (+x, +y, +z) corner: each filled
/// voxel with an empty neighbour shows its top, its +x and its +z face, lit from above (top
/// brightest), its colour running from blue at the bottom to orange at the top so height reads at
/// a glance. Voxels are painted back to front (by x + y + z), which is exact for a unit grid.
/// Grids are (S, S, S) indexed [z, y, x] with y up (see <see cref="Data.Voxels.VoxelGrid"/>); above 0.5 is filled.
/// </summary>
public static class VoxelRender
{
    private static readonly double Cos30 = Math.Sqrt(3) / 2;

    /// <summary>The tile's side in pixels for a grid of side S drawn with voxels of <paramref name="edge"/> pixels.</summary>
    public static int TileSide(int side, int edge) => 2 * side * edge + 2 * edge;   // the height of the drawing (2·S edges); its width is √3·S

    /// <summary>One grid (S, S, S) as an RGB tile, white background.</summary>
    public static SKBitmap Render(Tensor grid, int edge = 3)
    {
        if (grid.dim() != 3) throw new ArgumentException($"expected a (S, S, S) grid, got ({string.Join(", ", grid.shape)})");
        int s = (int)grid.shape[0];
        var filled = (grid.detach().cpu().to_type(ScalarType.Float32) > 0.5f).data<bool>().ToArray();
        bool At(int z, int y, int x) => x >= 0 && y >= 0 && z >= 0 && x < s && y < s && z < s && filled[(z * s + y) * s + x];
        int tile = TileSide(s, edge);
        var bitmap = new SKBitmap(new SKImageInfo(tile, tile, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        // Screen position of the grid point (x, y, z): x and z spread sideways, y up, nearer (larger x + z) lower; centred in the tile.
        float ox = tile / 2f, oy = tile / 2f + (float)(s * edge * 0.5);
        SKPoint P(double x, double y, double z) => new(ox + (float)((x - z) * Cos30 * edge), oy - (float)(y * edge) + (float)((x + z - s) * 0.5 * edge));
        using var paint = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill };
        foreach (var (z, y, x) in BackToFront(s).Where(v => At(v.Z, v.Y, v.X)))
        {
            var colour = Height(y / (double)Math.Max(1, s - 1));
            if (!At(z, y + 1, x)) Face(canvas, paint, Shade(colour, 1.0), P(x, y + 1, z), P(x + 1, y + 1, z), P(x + 1, y + 1, z + 1), P(x, y + 1, z + 1));
            if (!At(z, y, x + 1)) Face(canvas, paint, Shade(colour, 0.78), P(x + 1, y, z), P(x + 1, y + 1, z), P(x + 1, y + 1, z + 1), P(x + 1, y, z + 1));
            if (!At(z + 1, y, x)) Face(canvas, paint, Shade(colour, 0.6), P(x, y, z + 1), P(x + 1, y, z + 1), P(x + 1, y + 1, z + 1), P(x, y + 1, z + 1));
        }
        return bitmap;
    }

    /// <summary>One grid (S, S, S) as a PNG tile.</summary>
    public static byte[] Png(Tensor grid, int edge = 3)
    {
        using var bitmap = Render(grid, edge);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Grids (N, 1, S, S, S) as one PNG of tiles, <paramref name="columns"/> a row, 4 px apart.</summary>
    public static byte[] PanelPng(Tensor grids, int columns, int edge = 3)
    {
        if (grids.dim() != 5) throw new ArgumentException($"expected (N, 1, S, S, S) grids, got ({string.Join(", ", grids.shape)})");
        int n = (int)grids.shape[0], tile = TileSide((int)grids.shape[^1], edge), rows = (n + columns - 1) / columns, gap = 4;
        using var panel = new SKBitmap(new SKImageInfo(columns * (tile + gap) + gap, rows * (tile + gap) + gap, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(panel))
        {
            canvas.Clear(new SKColor(230, 232, 236));
            for (int i = 0; i < n; i++)
            {
                using var one = Render(grids[i, 0], edge);
                using var image = SKImage.FromBitmap(one);
                canvas.DrawImage(image, gap + i % columns * (tile + gap), gap + i / columns * (tile + gap), new SKSamplingOptions(SKFilterMode.Nearest));
            }
        }
        using var data = panel.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Voxel coordinates (z, y, x) in painting order: far (small x + y + z) first.</summary>
    private static IEnumerable<(int Z, int Y, int X)> BackToFront(int s) =>
        Enumerable.Range(0, 3 * s - 2).SelectMany(sum =>
            Enumerable.Range(Math.Max(0, sum - 2 * (s - 1)), Math.Min(sum, s - 1) - Math.Max(0, sum - 2 * (s - 1)) + 1).SelectMany(y =>
                Enumerable.Range(Math.Max(0, sum - y - (s - 1)), Math.Min(sum - y, s - 1) - Math.Max(0, sum - y - (s - 1)) + 1).Select(x => (sum - y - x, y, x))));

    private static void Face(SKCanvas canvas, SKPaint paint, SKColor colour, SKPoint a, SKPoint b, SKPoint c, SKPoint d)
    {
        paint.Color = colour;
        var builder = new SKPathBuilder();
        builder.MoveTo(a);
        builder.LineTo(b);
        builder.LineTo(c);
        builder.LineTo(d);
        builder.Close();
        using var path = builder.Detach();
        canvas.DrawPath(path, paint);
    }

    /// <summary>Blue (bottom) to orange (top).</summary>
    private static SKColor Height(double t) => new((byte)(70 + 180 * t), (byte)(130 + 30 * t), (byte)(200 - 150 * t));

    private static SKColor Shade(SKColor c, double light) => new((byte)(c.Red * light), (byte)(c.Green * light), (byte)(c.Blue * light));
}
