using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Imaging;

/// <summary>
/// Saves a batch of images in [-1, 1] as one PNG grid with white padding; Skia encodes it.
/// (TorchVision 0.107's make_grid places rows without their top padding, so we lay out ourselves.)
/// </summary>
public static class ImageGrid
{
    /// <summary>
    /// images (N, C, H, W) in [-1, 1] → PNG with <paramref name="columns"/> images a row (default:
    /// ⌈√N⌉, a square grid; 8 for 64 images). Atomic write.
    /// </summary>
    public static void Save(Tensor images, string path, int? columns = null, int padding = 2)
    {
        byte[] png = EncodePng(images, columns, padding);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    /// <summary>The PNG bytes of <see cref="Save"/>, for animation frames.</summary>
    public static byte[] EncodePng(Tensor images, int? columns = null, int padding = 2)
    {
        if (images.dim() != 4) throw new ArgumentException($"expected (N, C, H, W) images, got ({string.Join(", ", images.shape)})");
        using var scope = NewDisposeScope();
        var unit = images.detach().cpu().to_type(ScalarType.Float32).add(1).div(2).clamp(0, 1);   // [-1, 1] → [0, 1]
        var grid = Layout(unit, columns ?? (int)Math.Ceiling(Math.Sqrt(images.shape[0])), padding); // (3, H', W')
        var hwc = grid.mul(255).round().to_type(ScalarType.Byte).permute(1, 2, 0).contiguous();  // (H', W', 3)
        int h = (int)hwc.shape[0], w = (int)hwc.shape[1];
        return EncodeRgb(hwc.data<byte>().ToArray(), w, h);
    }

    /// <summary>(N, C, H, W) in [0, 1] → (3, rows·(H+p)+p, cols·(W+p)+p) with white padding p.</summary>
    internal static Tensor Layout(Tensor images, int columns, int padding)
    {
        long n = images.shape[0], h = images.shape[2], w = images.shape[3];
        var rgb = images.shape[1] == 1 ? images.expand(n, 3, h, w) : images;
        long cols = Math.Min(columns, n), rows = (n + cols - 1) / cols;
        var grid = torch.ones(3, rows * (h + padding) + padding, cols * (w + padding) + padding);
        for (long k = 0; k < n; k++)
        {
            long y = k / cols * (h + padding) + padding, x = k % cols * (w + padding) + padding;
            grid.narrow(1, y, h).narrow(2, x, w).copy_(rgb[k]);
        }
        return grid;
    }

    /// <summary>Packed RGB bytes → PNG bytes.</summary>
    private static byte[] EncodeRgb(byte[] rgb, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = new byte[width * height * 4];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgba[j] = rgb[i];
            rgba[j + 1] = rgb[i + 1];
            rgba[j + 2] = rgb[i + 2];
            rgba[j + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A PNG as one grey image (1, 1, H, W): the mean of its R, G and B, as float pixel values 0–255.</summary>
    public static Tensor ReadGrey(string path)
    {
        var (rgb, w, h) = ReadPng(path);
        return tensor(rgb, new long[] { h, w, 3 }, ScalarType.Byte).to_type(ScalarType.Float32).mean(new long[] { 2 }).view(1, 1, h, w);
    }

    /// <summary>Reads a PNG back as (H, W, 3) bytes; for tests and for comparing grids.</summary>
    public static (byte[] Rgb, int Width, int Height) ReadPng(string path)
    {
        // the checked decoder: a truncated or corrupt file is an error naming it, never a half-grey image
        var decoded = Data.Sources.ImageDecoder.DecodeNative(path, 3, SKColors.White);
        int plane = decoded.Width * decoded.Height;
        var rgb = new byte[plane * 3];
        for (int p = 0; p < plane; p++)
            for (int c = 0; c < 3; c++) rgb[3 * p + c] = decoded.Pixels[c * plane + p];
        return (rgb, decoded.Width, decoded.Height);
    }
}
