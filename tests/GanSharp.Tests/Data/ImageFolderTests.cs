using System.Buffers.Binary;
using GanSharp.Data;
using GanSharp.Data.Sources;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SkiaSharp;
using TorchSharp;
using Xunit;

namespace GanSharp.Tests.Data;

/// <summary>Image files are written by another library (ImageSharp) or by hand, then read back through SkiaSharp.</summary>
public sealed class ImageFolderTests
{
    /// <summary>An 8×8 image in four quadrants: red, green / blue, grey 128 (top-left, top-right / bottom-left, bottom-right).</summary>
    private static readonly (byte R, byte G, byte B)[] Quadrants = { (255, 0, 0), (0, 255, 0), (0, 0, 255), (128, 128, 128) };

    private static int QuadrantOf(int x, int y) => (y < 4 ? 0 : 2) + (x < 4 ? 0 : 1);

    private static Image<Rgba32> QuadrantImage(byte alpha = 255)
    {
        var image = new Image<Rgba32>(8, 8);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) { var q = Quadrants[QuadrantOf(x, y)]; image[x, y] = new Rgba32(q.R, q.G, q.B, alpha); }
        return image;
    }

    /// <summary>The decoded RGB planes as [channel, y, x].</summary>
    private static byte At(ImageDecoder.Decoded d, int c, int x, int y, int side = 8) => d.Pixels[c * side * side + y * side + x];

    private static void AssertQuadrants(ImageDecoder.Decoded d, int tolerance = 0)
    {
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++)
        {
            var q = Quadrants[QuadrantOf(x, y)];
            Assert.InRange(At(d, 0, x, y), q.R - tolerance, q.R + tolerance);
            Assert.InRange(At(d, 1, x, y), q.G - tolerance, q.G + tolerance);
            Assert.InRange(At(d, 2, x, y), q.B - tolerance, q.B + tolerance);
        }
    }

    [Fact]
    public void LosslessFormats_DecodeToTheirPixels_InRgbOrder()
    {
        using var tmp = TestSetup.Temp();
        using var image = QuadrantImage();
        image.SaveAsPng(tmp.File("rgba.png"));
        image.SaveAsPng(tmp.File("palette.png"), new PngEncoder { ColorType = PngColorType.Palette });
        image.SaveAsBmp(tmp.File("rgb.bmp"), new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 });
        image.SaveAsGif(tmp.File("palette.gif"));
        image.SaveAsWebp(tmp.File("lossless.webp"), new WebpEncoder { FileFormat = WebpFileFormatType.Lossless });
        using (var wide = image.CloneAs<Rgb48>()) wide.SaveAsPng(tmp.File("sixteen.png"), new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Rgb });
        foreach (var file in new[] { "rgba.png", "palette.png", "rgb.bmp", "palette.gif", "lossless.webp", "sixteen.png" })
            AssertQuadrants(ImageDecoder.Decode(tmp.File(file), 8, 3, SKColors.White), tolerance: file == "sixteen.png" ? 1 : 0);
    }

    [Fact]
    public void GreyAndAlpha_AreConvertedAsStated()
    {
        using var tmp = TestSetup.Temp();
        using (var half = QuadrantImage(alpha: 128)) half.SaveAsPng(tmp.File("half.png"));
        // Red at alpha 128/255 over white: 255 in red, 255·(1 − 128/255) ≈ 127 in green and blue; over black: 128, 0, 0.
        var onWhite = ImageDecoder.Decode(tmp.File("half.png"), 8, 3, SKColors.White);
        Assert.Equal(255, At(onWhite, 0, 0, 0));
        Assert.InRange(At(onWhite, 1, 0, 0), 126, 128);
        var onBlack = ImageDecoder.Decode(tmp.File("half.png"), 8, 3, SKColors.Black);
        Assert.InRange(At(onBlack, 0, 0, 0), 127, 129);
        Assert.Equal(0, At(onBlack, 1, 0, 0));
        // Grey output is BT.601 luma: red 0.299·255 = 76, green 0.587·255 = 150, blue 0.114·255 = 29.
        using (var rgb = QuadrantImage()) rgb.SaveAsPng(tmp.File("rgb.png"));
        var grey = ImageDecoder.Decode(tmp.File("rgb.png"), 8, 1, SKColors.White);
        Assert.Equal(new byte[] { 76, 150, 29, 128 }, new[] { grey.Pixels[0], grey.Pixels[7], grey.Pixels[56], grey.Pixels[63] });
        // A 16-bit grey PNG: 0x8000 is 128 (or 127) in 8 bits.
        using (var l16 = new Image<L16>(4, 4, new L16(0x8000))) l16.SaveAsPng(tmp.File("l16.png"), new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Grayscale });
        Assert.All(ImageDecoder.Decode(tmp.File("l16.png"), 4, 1, SKColors.White).Pixels, v => Assert.InRange(v, 127, 128));
    }

    [Fact]
    public void Jpeg_DecodesCloseToItsColour_AndNonSquareImagesGiveTheirCentreSquare()
    {
        using var tmp = TestSetup.Temp();
        using (var flat = new Image<Rgb24>(16, 16, new Rgb24(200, 100, 50))) flat.SaveAsJpeg(tmp.File("flat.jpg"), new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 95 });
        var jpeg = ImageDecoder.Decode(tmp.File("flat.jpg"), 16, 3, SKColors.White);
        Assert.InRange(At(jpeg, 0, 8, 8, 16), 194, 206);
        Assert.InRange(At(jpeg, 1, 8, 8, 16), 94, 106);
        Assert.InRange(At(jpeg, 2, 8, 8, 16), 44, 56);
        // 12×4: a red 4-pixel stripe, a green centre square, a blue stripe; the square kept is the green one.
        using (var wide = new Image<Rgb24>(12, 4)) { for (int x = 0; x < 12; x++) for (int y = 0; y < 4; y++) wide[x, y] = x < 4 ? new Rgb24(255, 0, 0) : x < 8 ? new Rgb24(0, 255, 0) : new Rgb24(0, 0, 255); wide.SaveAsPng(tmp.File("wide.png")); }
        var centre = ImageDecoder.Decode(tmp.File("wide.png"), 4, 3, SKColors.White);
        Assert.All(Enumerable.Range(0, 16), i => Assert.Equal((0, 255, 0), (centre.Pixels[i], centre.Pixels[16 + i], centre.Pixels[32 + i])));
        Assert.Equal((12, 4), (centre.Width, centre.Height));
    }

    /// <summary>A PNG signature, an IHDR chunk declaring the size and the start of an IDAT chunk (what a decoder reads before it allocates), and nothing else.</summary>
    private static byte[] PngHeaderOnly(int width, int height)
    {
        var ihdr = new byte[17];
        "IHDR"u8.CopyTo(ihdr);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(8), height);
        ihdr[12] = 8; ihdr[13] = 2;                                          // 8-bit RGB
        var file = new List<byte>(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 });
        file.AddRange(ihdr);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(ihdr));
        file.AddRange(crc);
        file.AddRange(new byte[] { 0, 0, 0x10, 0, (byte)'I', (byte)'D', (byte)'A', (byte)'T', 0x78, 0x9C });   // 4 KiB announced, 2 given
        return file.ToArray();
    }

    private static uint Crc32(byte[] data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }
        return ~c;
    }

    [Fact]
    public void BadFiles_AreNamedErrors_OrCountedSkips()
    {
        using var tmp = TestSetup.Temp();
        Directory.CreateDirectory(tmp.File("set"));
        using (var image = QuadrantImage()) for (int i = 0; i < 3; i++) image.SaveAsPng(tmp.File($"set/good{i}.png"));
        using (var photo = new Image<Rgb24>(64, 64, new Rgb24(10, 20, 30))) photo.SaveAsJpeg(tmp.File("whole.jpg"));
        var jpeg = File.ReadAllBytes(tmp.File("whole.jpg"));
        File.WriteAllBytes(tmp.File("set/truncated.jpg"), jpeg[..(jpeg.Length / 2)]);
        File.WriteAllText(tmp.File("set/notes.png"), "this is not an image");
        File.WriteAllBytes(tmp.File("set/huge.png"), PngHeaderOnly(20_000, 20_000));

        Assert.Contains("truncated", Assert.Throws<ImageFileException>(() => ImageDecoder.Decode(tmp.File("set/truncated.jpg"), 8, 3, SKColors.White)).Message);
        Assert.Contains("notes.png: not a", Assert.Throws<ImageFileException>(() => ImageDecoder.Decode(tmp.File("set/notes.png"), 8, 3, SKColors.White)).Message);
        var huge = Assert.Throws<ImageFileException>(() => ImageDecoder.Decode(tmp.File("set/huge.png"), 8, 3, SKColors.White));
        Assert.Contains("20,000×20,000", huge.Message);
        Assert.Contains("megapixel limit", huge.Message);

        var stop = Assert.Throws<GanSharpException>(() => ImageFolder.Load(tmp.File("set"), new ImageFolderOptions(8, 3)));
        Assert.Contains(tmp.File("set/"), stop.Message);
        Assert.Contains("2 more bad files; --skip-bad", stop.Message);
        using var kept = ImageFolder.Load(tmp.File("set"), new ImageFolderOptions(8, 3, SkipBad: true));
        Assert.Equal(3, kept.Count);
        Assert.Equal(3, kept.Skipped.Count);
        Assert.Contains("3 bad files skipped", kept.Description);
    }

    [Fact]
    public void Folder_IsReadRecursively_InOrdinalOrder_WithLabelsFromSubfolders()
    {
        using var tmp = TestSetup.Temp();
        foreach (var (folder, grey) in new[] { ("cats", 10), ("dogs", 200), ("cats/small", 60) })
        {
            Directory.CreateDirectory(tmp.File($"set/{folder}"));
            using var image = new Image<L8>(6, 6, new L8((byte)grey));
            image.SaveAsPng(tmp.File($"set/{folder}/a.png"));
        }
        using var set = ImageFolder.Load(tmp.File("set"), new ImageFolderOptions(6, 1, Labels: true));
        Assert.Equal(new[] { "cats", "dogs" }, set.ClassNames);
        Assert.Equal(DataShape.Image(1, 6, 6, 2), set.Shape);
        var all = set.Read(torch.arange(3));
        // Ordinal order of relative paths: cats/a.png, cats/small/a.png, dogs/a.png.
        Assert.Equal(new[] { 10 / 127.5f - 1, 60 / 127.5f - 1, 200 / 127.5f - 1 }, all.X.mean(new long[] { 1, 2, 3 }).data<float>().ToArray(), new FloatTolerance(1e-6f));
        Assert.Equal(new long[] { 0, 0, 1 }, all.Labels!.data<long>().ToArray());
        Assert.Equal(torch.ScalarType.Float32, all.X.dtype);
        Assert.True(ImageFolder.HasImages(tmp.File("set")));
    }

    [Fact]
    public void PairedCropsAndFlips_StayAligned_AndAreFixedByTheBatchPosition()
    {
        using var tmp = TestSetup.Temp();
        var rng = new Random(3);
        foreach (var side in new[] { "a", "b" }) Directory.CreateDirectory(tmp.File(side));
        for (int i = 0; i < 12; i++)
        {
            using var a = new Image<Rgb24>(9, 9);
            for (int y = 0; y < 9; y++) for (int x = 0; x < 9; x++) a[x, y] = new Rgb24((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256));
            a.SaveAsPng(tmp.File($"a/{i:00}.png"));
            a.Mutate(c => c.Invert());                                       // B = 255 − A, so in [−1, 1] B = −A
            a.SaveAsPng(tmp.File($"b/{i:00}.png"));
        }
        BatchSampler Sampler(CropFlip augment) => new(new PairedSource(ImageFolder.Load(tmp.File("a"), new ImageFolderOptions(9, 3)), ImageFolder.Load(tmp.File("b"), new ImageFolderOptions(9, 3))),
            4, seed: 7, torch.CPU, augment: augment);
        var augment = new CropFlip(6, RandomCrop: true, Flip: true);
        using var s = Sampler(augment);
        Assert.Equal(DataShape.Image(3, 6, 6), s.Shape);
        var batches = Enumerable.Range(0, 5).Select(_ => s.Next()).ToList();
        foreach (var b in batches)
        {
            Assert.Equal(new long[] { 4, 3, 6, 6 }, b.X.shape);
            Assert.True(b.Y!.allclose(-b.X, rtol: 0, atol: 1e-6));
        }
        using var again = Sampler(augment);
        again.Seek(1, 1);                                                    // batch 5 of 3 a epoch: epoch 1, batch 1
        Assert.True(again.Next().X.allclose(batches[4].X, 0, 0));
        using var centred = Sampler(new CropFlip(6, RandomCrop: false, Flip: false));   // the same images (same seed and stream), centre crops
        Assert.False(centred.Next().X.allclose(batches[0].X, 0, 0));              // so the augmentation did something
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(float f) => 0;
    }

    [Fact]
    public void FolderOverTheMemoryCap_DecodesPerBatch_TheSamePixels()
    {
        using var tmp = TestSetup.Temp();
        var rng = new Random(5);
        Directory.CreateDirectory(tmp.File("set"));
        for (int i = 0; i < 10; i++)
        {
            using var image = new Image<Rgb24>(12, 10);
            for (int y = 0; y < 10; y++) for (int x = 0; x < 12; x++) image[x, y] = new Rgb24((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256));
            image.SaveAsPng(tmp.File($"set/{i}.png"));
        }
        using var kept = ImageFolder.Load(tmp.File("set"), new ImageFolderOptions(8, 3));
        using var lazy = ImageFolder.Load(tmp.File("set"), new ImageFolderOptions(8, 3, MemoryCapBytes: 1000));   // 10 × 192 bytes > 1,000
        Assert.False(kept.DecodesPerBatch);
        Assert.True(lazy.DecodesPerBatch);
        Assert.Contains("decoded per batch", lazy.Description);
        var indices = torch.tensor(new long[] { 7, 2, 2, 9 });
        Assert.True(kept.Read(indices).X.allclose(lazy.Read(indices).X, 0, 0));
    }

    [Fact]
    public void ExifOrientation_IsApplied_BeforeTheCentreSquareIsTaken()
    {
        using var tmp = TestSetup.Temp();
        // Stored 16×8: left half red, right half blue, tagged "rotate 90° clockwise to display" (EXIF 6).
        // Upright it is 8×16 with red on top; its centre square has 4 red rows over 4 blue ones.
        // Ignoring the tag would give 4 red columns beside 4 blue ones instead.
        using (var image = new Image<Rgb24>(16, 8))
        {
            for (int y = 0; y < 8; y++) for (int x = 0; x < 16; x++) image[x, y] = x < 8 ? new Rgb24(255, 0, 0) : new Rgb24(0, 0, 255);
            image.Metadata.ExifProfile = new SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifProfile();
            image.Metadata.ExifProfile.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Orientation, (ushort)6);
            image.SaveAsJpeg(tmp.File("sideways.jpg"), new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 100 });
        }
        var d = ImageDecoder.Decode(tmp.File("sideways.jpg"), 8, 3, SKColors.White);
        Assert.Equal((8, 16), (d.Width, d.Height));
        bool Red(int x, int y) => At(d, 0, x, y) > 200 && At(d, 2, x, y) < 60;
        bool Blue(int x, int y) => At(d, 2, x, y) > 200 && At(d, 0, x, y) < 60;
        Assert.True(Red(1, 1) && Red(6, 1) && Blue(1, 6) && Blue(6, 6));
    }
}
