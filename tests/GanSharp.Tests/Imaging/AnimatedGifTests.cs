using GanSharp.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;
using Xunit;

namespace GanSharp.Tests.Imaging;

public sealed class AnimatedGifTests
{
    private static byte[] SolidPng(SKColor colour, int size)
    {
        using var bitmap = new SKBitmap(size, size);
        bitmap.Erase(colour);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public void Frames_ComeBackInOrder_WithTheirColoursAndDelays()
    {
        using var tmp = TestSetup.Temp();
        var frames = new[] { SolidPng(new SKColor(255, 0, 0), 20), SolidPng(new SKColor(0, 0, 255), 20), SolidPng(new SKColor(0, 128, 0), 10) };
        AnimatedGif.Save(frames, tmp.File("a.gif"), delayMs: 200);
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(tmp.File("a.gif")), 0, 6));
        using var gif = Image.Load<Rgba32>(tmp.File("a.gif"));
        Assert.Equal(3, gif.Frames.Count);
        Assert.Equal(20, gif.Width);                                              // the smaller frame was scaled up
        Assert.Equal(new Rgba32(255, 0, 0), gif.Frames[0][5, 5]);
        Assert.Equal(new Rgba32(0, 0, 255), gif.Frames[1][5, 5]);
        Assert.Equal(new Rgba32(0, 128, 0), gif.Frames[2][15, 15]);
        Assert.Equal(new[] { 20, 20, 60 }, gif.Frames.Cast<ImageFrame>().Select(f => f.Metadata.GetGifMetadata().FrameDelay));
        Assert.Equal(0, gif.Metadata.GetGifMetadata().RepeatCount);              // loops
    }

    [Fact]
    public void WideFrames_AreScaledDown_KeepingTheirAspect()
    {
        using var tmp = TestSetup.Temp();
        AnimatedGif.Save(new[] { SolidPng(new SKColor(10, 20, 30), 100) }, tmp.File("w.gif"), maxWidth: 40);
        using var gif = Image.Load<Rgba32>(tmp.File("w.gif"));
        Assert.Equal((40, 40), (gif.Width, gif.Height));
    }

    [Fact]
    public void NoFrames_IsAnErrorNamingTheFile()
    {
        var e = Assert.Throws<GanSharpException>(() => AnimatedGif.Save(Array.Empty<byte[]>(), "x.gif"));
        Assert.Contains("x.gif", e.Message);
    }
}
