using SkiaSharp;

namespace GanSharp.Data.Sources;

/// <summary>Which part of an image file is the sample: all of it, or one half of an (A | B) image as pix2pix's data sets store pairs.</summary>
public enum ImagePart
{
    Whole,
    LeftHalf,
    RightHalf,
}

/// <summary>
/// Decodes one image file with SkiaSharp (PNG, JPEG, BMP, GIF's first frame, WebP; grey, colour,
/// palette, 16-bit and alpha alike) into a square of <c>side</c>×<c>side</c> 8-bit pixels: the
/// centre square of the image, resized (the shorter side becomes the side), alpha composited on a
/// background, as grey (ITU-R BT.601 luma) or RGB. Every way a file can be wrong is an
/// <see cref="ImageFileException"/> naming it; a header declaring more than
/// <see cref="MaxPixels"/> pixels is refused before anything is decoded.
/// </summary>
public static class ImageDecoder
{
    /// <summary>The largest image accepted: 64 megapixels (an 8,192² image), so a crafted header is no memory bomb.</summary>
    public const long MaxPixels = 8192L * 8192;

    /// <summary>File endings taken as images when a folder is scanned.</summary>
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp" };

    /// <summary>What one decode gives: the pixels, channel-major (C, side, side), and the image's own size.</summary>
    public sealed record Decoded(byte[] Pixels, int Width, int Height);

    public static Decoded Decode(string path, int side, int channels, SKColor background, ImagePart part = ImagePart.Whole) =>
        DecodeAs(path, channels, background, part, image => Square(image, side, channels, background));

    /// <summary>The whole image at its own size, flattened onto the background: pixels (C, Height, Width), for commands that keep an image's size (gan translate, gan upscale).</summary>
    public static Decoded DecodeNative(string path, int channels, SKColor background) =>
        DecodeAs(path, channels, background, ImagePart.Whole, image => Render(image, SKRectI.Create(image.Width, image.Height), image.Width, image.Height, channels, background));

    private static Decoded DecodeAs(string path, int channels, SKColor background, ImagePart part, Func<SKBitmap, byte[]> pixels)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), "1 or 3");
        using var stream = OpenOrThrow(path);
        using var codec = SKCodec.Create(stream, out var result)
            ?? throw new ImageFileException(path, result == SKCodecResult.Unimplemented ? "not an image format SkiaSharp decodes" : $"not a readable image ({Describe(result)})");
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        if (w <= 0 || h <= 0) throw new ImageFileException(path, $"declares {w}×{h} pixels");
        if ((long)w * h > MaxPixels) throw new ImageFileException(path, $"declares {w:N0}×{h:N0} pixels, more than the {MaxPixels / 1_000_000} megapixel limit");
        using var full = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var decoded = codec.GetPixels(full.Info, full.GetPixels());
        if (decoded != SKCodecResult.Success)
            throw new ImageFileException(path, decoded == SKCodecResult.IncompleteInput ? "truncated: the image data ends early" : $"corrupt image data ({Describe(decoded)})");
        using var upright = Upright(full, codec.EncodedOrigin);
        var image = upright ?? full;
        if (part != ImagePart.Whole)
        {
            if (image.Width < 2) throw new ImageFileException(path, $"is {image.Width} pixel wide, too narrow to hold two halves");
            int half = image.Width / 2;
            using var halfImage = new SKBitmap();
            if (!image.ExtractSubset(halfImage, SKRectI.Create(part == ImagePart.LeftHalf ? 0 : image.Width - half, 0, half, image.Height)))
                throw new ImageFileException(path, "its halves could not be taken");
            return new Decoded(pixels(halfImage), half, image.Height);
        }
        return new Decoded(pixels(image), image.Width, image.Height);
    }

    /// <summary>
    /// The image turned as its EXIF orientation says (phone photos are stored sideways with a tag),
    /// or null when it is stored upright. The origin names where the stored first row and column belong.
    /// </summary>
    private static SKBitmap? Upright(SKBitmap stored, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft) return null;
        bool swap = origin >= SKEncodedOrigin.LeftTop;                      // 5–8: a quarter turn, width and height trade places
        int w = swap ? stored.Height : stored.Width, h = swap ? stored.Width : stored.Height;
        var upright = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(upright);
        // Maps stored pixel (x, y) to its upright place (EXIF orientations 2–8).
        canvas.SetMatrix(origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            _ => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),                   // LeftBottom
        });
        using var paint = new SKPaint { BlendMode = SKBlendMode.Src };
        using var image = SKImage.FromBitmap(stored);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), paint);
        return upright;
    }

    /// <summary>The centre square, resized to side×side and flattened onto the background, as channel-major bytes.</summary>
    private static byte[] Square(SKBitmap full, int side, int channels, SKColor background)
    {
        int crop = Math.Min(full.Width, full.Height);
        return Render(full, SKRectI.Create((full.Width - crop) / 2, (full.Height - crop) / 2, crop, crop), side, side, channels, background);
    }

    /// <summary>A rectangle of the image drawn at width×height on the background, as channel-major bytes (grey: BT.601 luma).</summary>
    private static byte[] Render(SKBitmap full, SKRectI source, int width, int height, int channels, SKColor background)
    {
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        using (var image = SKImage.FromBitmap(full))
        {
            canvas.Clear(background.WithAlpha(255));
            // Downscaling averages through mipmaps; upscaling interpolates (Catmull–Rom passes through the
            // pixels); the same size copies them.
            var sampling = source.Width > width ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
                : source.Width < width ? new SKSamplingOptions(SKCubicResampler.CatmullRom) : new SKSamplingOptions(SKFilterMode.Nearest);
            canvas.DrawImage(image, source, SKRect.Create(width, height), sampling);
        }
        var rgba = target.Bytes;                                        // opaque after the background: premultiplied = straight
        int plane = width * height;
        var pixels = new byte[channels * plane];
        for (int i = 0; i < plane; i++)
        {
            byte r = rgba[4 * i], g = rgba[4 * i + 1], b = rgba[4 * i + 2];
            if (channels == 1) pixels[i] = (byte)Math.Round(0.299 * r + 0.587 * g + 0.114 * b);
            else { pixels[i] = r; pixels[plane + i] = g; pixels[2 * plane + i] = b; }
        }
        return pixels;
    }

    private static Stream OpenOrThrow(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (IOException e)
        {
            throw new ImageFileException(path, $"cannot be read ({e.Message})");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ImageFileException(path, $"cannot be read ({e.Message})");
        }
    }

    private static string Describe(SKCodecResult r) => r switch
    {
        SKCodecResult.InvalidInput => "invalid data",
        SKCodecResult.IncompleteInput => "truncated",
        SKCodecResult.Unimplemented => "unsupported variant",
        _ => r.ToString(),
    };
}

/// <summary>An image file that cannot be used; the message names the file and the problem.</summary>
public sealed class ImageFileException(string file, string problem) : GanSharpException($"{file}: {problem}")
{
    public string File { get; } = file;
}
