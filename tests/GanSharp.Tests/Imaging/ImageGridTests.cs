using GanSharp.Imaging;
using TorchSharp;
using Xunit;

namespace GanSharp.Tests.Imaging;

public sealed class ImageGridTests
{
    [Fact]
    public void Save_WritesAGridThatReadsBackWithTheRightPixels()
    {
        using var tmp = TestSetup.Temp();
        // Four 2×2 images: black (−1), white (1), mid grey (0), black.
        var images = torch.tensor(new float[] { -1, 1, 0, -1 }).view(4, 1, 1, 1).expand(4, 1, 2, 2).contiguous();
        ImageGrid.Save(images, tmp.File("g.png"), columns: 2, padding: 1);
        var (rgb, w, h) = ImageGrid.ReadPng(tmp.File("g.png"));
        Assert.Equal(1 + 2 * (2 + 1), w);   // padding + columns × (size + padding)
        Assert.Equal(7, h);
        byte Pixel(int x, int y) => rgb[(y * w + x) * 3];
        Assert.Equal(255, Pixel(0, 0));     // padding is white
        Assert.Equal(0, Pixel(1, 1));       // image 0: black
        Assert.Equal(255, Pixel(4, 1));     // image 1: white
        Assert.InRange(Pixel(1, 4), 127, 128); // image 2: grey
        Assert.Equal(0, Pixel(5, 5));       // image 3: black
    }
}
