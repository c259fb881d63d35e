using GanSharp.Data;
using GanSharp.Data.Pairs;
using GanSharp.Data.Sources;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Data;

/// <summary>Paired sets from files (by name, side by side) and made from single images (edges, grey, low resolution, masks).</summary>
public sealed class PairsTests
{
    /// <summary>(1, 1, n, n): −1 in the left half of the columns, +1 in the right.</summary>
    private static Tensor Step(int n) => arange(n).ge(n / 2).to_type(ScalarType.Float32).mul(2).sub(1).view(1, 1, 1, n).expand(1, 1, n, n).contiguous();

    [Fact]
    public void SobelEdges_OfAVerticalStep_AreTheTwoColumnsBesideIt_DarkOnWhite()
    {
        // By hand: at columns 3 and 4 of an 8-wide step the Sobel x-gradient is (1 − (−1))·(1 + 2 + 1) = 8, everywhere else 0.
        var edges = new SobelEdges().Input(Step(8), null);
        var expected = Enumerable.Range(0, 8).Select(c => c is 3 or 4 ? -1f : 1f).ToArray();
        for (int row = 0; row < 8; row++) Assert.Equal(expected, edges[0, 0, row].data<float>().ToArray());
        var colour = Step(8).expand(1, 3, 8, 8).contiguous();                      // a grey step in RGB: the same edges, one channel
        Assert.True(new SobelEdges().Input(colour, null).allclose(edges, rtol: 0, atol: 1e-6));
        Assert.Equal(DataShape.Image(1, 8, 8), new SobelEdges().InputShape(DataShape.Image(3, 8, 8)));
    }

    [Fact]
    public void Greyscale_IsBt601Luma()
    {
        var red = tensor(new float[] { 1, -1, -1 }, new long[] { 1, 3, 1, 1 });
        Assert.Equal(0.299 - 0.587 - 0.114, new Greyscale().Input(red, null).item<float>(), 5);
    }

    [Fact]
    public void LowResolution_KeepsFlatRegions_AndRefusesSidesItCannotDivide()
    {
        // 32 wide → 8 wide: an output column's antialiased bicubic support is 4 × 2 = 8 input pixels either side
        // of its centre, so columns 0–1 see only the −1 half and 6–7 only the +1 half.
        var small = new LowResolution(4).Input(Step(32), null);
        Assert.Equal(new long[] { 1, 1, 8, 8 }, small.shape);
        foreach (var (column, value) in new[] { (0, -1f), (1, -1f), (6, 1f), (7, 1f) })
            Assert.True(small.select(3, column).allclose(full(new long[] { 1, 1, 8 }, value), rtol: 0, atol: 1e-5), $"column {column}");
        Assert.InRange(small[0, 0, 0, 3].item<float>(), -1f, 0f);                   // the step itself is smoothed
        Assert.Equal(DataShape.Image(3, 16, 16), new LowResolution(4).InputShape(DataShape.Image(3, 64, 64)));
        Assert.Throws<GanSharpException>(() => new LowResolution(4).InputShape(DataShape.Image(3, 30, 30)));
    }

    [Fact]
    public void MadePairs_OfMasks_HoleHalfTheSide_SameHolesAfterASeek()
    {
        using var images = new ImageDataset(full(new long[] { 12, 3, 8, 8 }, 0.5f), zeros(12, dtype: ScalarType.Int64), "flat");
        MadePairs Pairs() => new(new BatchSampler(images, 4, seed: 2, CPU), new Masked(), seed: 2);
        using var pairs = Pairs();
        var batches = Enumerable.Range(0, 4).Select(_ => pairs.Next()).ToList();
        foreach (var b in batches)
        {
            Assert.True(b.Y!.eq(0.5f).all().item<bool>());                             // the target is the image
            for (int i = 0; i < 4; i++) Assert.Equal(3 * 4 * 4, b.X[i].eq(0).sum().item<long>());   // one 4×4 hole in each, all channels
        }
        Assert.False(batches[0].X.allclose(batches[1].X, 0, 0));                                // holes differ between batches
        using var resumed = Pairs();
        resumed.Seek(new[] { new StreamPosition(BatchSampler.MainStream, 1, 0) });     // batch 4 = epoch 1, batch 0
        Assert.True(resumed.Next().X.allclose(batches[3].X, 0, 0));
    }

    private static Image<Rgb24> Noise(Random rng, int w, int h)
    {
        var image = new Image<Rgb24>(w, h);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) image[x, y] = new Rgb24((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256));
        return image;
    }

    [Fact]
    public void FoldersPairedByName_MatchAcrossExtensions_AndCountTheUnpartnered()
    {
        using var tmp = TestSetup.Temp();
        var rng = new Random(4);
        Directory.CreateDirectory(tmp.File("a/sub"));
        Directory.CreateDirectory(tmp.File("b/sub"));
        foreach (var name in new[] { "one", "sub/two", "three" })
        {
            using var a = Noise(rng, 8, 8);
            a.SaveAsPng(tmp.File($"a/{name}.png"));
            a.Mutate(c => c.Invert());                                                  // B = 255 − A: in [−1, 1], B = −A
            if (name != "three") a.SaveAsBmp(tmp.File($"b/{name}.bmp"));
        }
        using (var extra = Noise(rng, 8, 8)) extra.SaveAsPng(tmp.File("b/four.png"));
        var said = new List<string>();
        using var pairs = PairedFolders.ByName(tmp.File("a"), tmp.File("b"), new ImageFolderOptions(8, 3), said.Add);
        Assert.Equal(2, pairs.Count);
        Assert.Contains(said, s => s.Contains("2 pairs; 1 images of") && s.Contains("and 1 of"));
        var both = pairs.Read(arange(2));
        Assert.True(both.Y!.allclose(-both.X, rtol: 0, atol: 1e-6));
        Assert.Throws<GanSharpException>(() => PairedFolders.ByName(tmp.File("a"), tmp.File("b"), new ImageFolderOptions(8, 3, SkipBad: true), _ => { }));
    }

    [Fact]
    public void SideBySideImages_SplitIntoInputLeftAndTargetRight()
    {
        using var tmp = TestSetup.Temp();
        var rng = new Random(6);
        Directory.CreateDirectory(tmp.File("ab"));
        for (int i = 0; i < 3; i++)
        {
            using var a = Noise(rng, 8, 8);
            using var pair = new Image<Rgb24>(16, 8);
            using var b = a.Clone(c => c.Invert());
            pair.Mutate(c => c.DrawImage(a, new Point(0, 0), 1f).DrawImage(b, new Point(8, 0), 1f));
            pair.SaveAsPng(tmp.File($"ab/{i}.png"));
        }
        using var pairs = PairedFolders.SideBySide(tmp.File("ab"), new ImageFolderOptions(8, 3));
        var all = pairs.Read(arange(3));
        Assert.Equal(new long[] { 3, 3, 8, 8 }, all.X.shape);
        Assert.True(all.Y!.allclose(-all.X, rtol: 0, atol: 1e-6));
        using var reversed = PairedFolders.SideBySide(tmp.File("ab"), new ImageFolderOptions(8, 3), rightToLeft: true);
        Assert.True(reversed.Read(arange(3)).X.allclose(all.Y, rtol: 0, atol: 0));
        Assert.Contains("left halves of 3 images", pairs.Description);
    }
}

public sealed class DataShowTests
{
    [Fact]
    public void DataShow_WritesInputTargetPairs_AndTrainingRefusesPairsForSingleImageFamilies()
    {
        using var tmp = TestSetup.Temp();
        DrawnFolders.Draw(tmp.File("bars"), 12, classes: false);
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "data", "show", "--data", tmp.File("bars"), "--pairs", "grey", "--resolution", "16", "--count", "4",
            "--out", tmp.File("show.png") }, new StringWriter(), error), error.ToString());
        var (rgb, w, h) = GanSharp.Imaging.ImageGrid.ReadPng(tmp.File("show.png"));
        Assert.Equal((2 + 8 * 18, 2 + 18), (w, h));                                     // 4 pairs = 8 tiles of 16 pixels in one row
        (byte R, byte G, byte B) At(int x, int y) => (rgb[3 * (y * w + x)], rgb[3 * (y * w + x) + 1], rgb[3 * (y * w + x) + 2]);
        var inputBar = Enumerable.Range(0, 16).Select(x => At(2 + x, 2 + 3)).ToList();  // row 3 of the first tile crosses the bar
        var targetBar = Enumerable.Range(0, 16).Select(x => At(20 + x, 2 + 3)).ToList();
        Assert.All(inputBar, p => Assert.True(p.R == p.G && p.G == p.B, $"{p} is not grey"));
        Assert.Contains(targetBar, p => p.R != p.G || p.G != p.B);                     // the target keeps its colour

        var refused = new StringWriter();
        Assert.Equal(GanSharp.Cli.ExitCode.Error, GanSharp.Cli.GanCli.Run(new[] { "train", "dcgan", "--data", tmp.File("bars"), "--pairs", "edges", "--resolution", "32",
            "--runs", tmp.Path }, new StringWriter(), refused));
        Assert.Contains("image-to-image families", refused.ToString());
        Assert.Equal(GanSharp.Cli.ExitCode.Error, GanSharp.Cli.GanCli.Run(new[] { "data", "show", "--data", tmp.File("bars"), "--pairs", "by-name" }, new StringWriter(), refused));
        Assert.Contains("--pairs by-name needs --data-b FOLDER", refused.ToString());
    }
}
