using GanSharp.Data;
using TorchSharp;
using Xunit;

namespace GanSharp.Tests.Data;

public sealed class FashionMnistTests
{
    [Fact]
    public void Embedded_IsTheTestSplit_TenThousandBalancedImages()
    {
        using var ds = FashionMnist.Load(FashionMnist.Locate(FashionMnist.Embedded));
        Assert.Equal(new long[] { 10000, 1, 28, 28 }, ds.Images.shape);
        Assert.InRange(ds.Images.min().item<float>(), -1.0f, -1.0f);
        Assert.InRange(ds.Images.max().item<float>(), 1.0f, 1.0f);
        var counts = torch.bincount(ds.Labels).data<long>().ToArray();
        Assert.Equal(Enumerable.Repeat(1000L, 10), counts); // the test split has 1,000 images per class
        Assert.Contains("embedded", ds.Source);
    }

    [Fact]
    public void Locate_ExplicitFolderWins_AndMissingFolderIsAnError()
    {
        using var tmp = TestSetup.Temp();
        Assert.Equal(tmp.Path, FashionMnist.Locate(tmp.Path).Folder);
        var e = Assert.Throws<GanSharpException>(() => FashionMnist.Locate("/no/such/folder"));
        Assert.Contains("/no/such/folder", e.Message);
    }

    [Fact]
    public void Load_FolderWithImagesButNoLabels_NamesTheMissingFile()
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllBytes(tmp.File("train-images-idx3-ubyte"), IdxFileTests.Idx(2051, new[] { 1, 2, 2 }, new byte[4]));
        var e = Assert.Throws<GanSharpException>(() => FashionMnist.Load(FashionMnist.Locate(tmp.Path)));
        Assert.Contains("train-labels-idx1-ubyte", e.Message);
    }

    [Fact]
    public void Load_FolderWithTrainSplit_ReadsIt()
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllBytes(tmp.File("train-images-idx3-ubyte.gz"), IdxFileTests.Gzip(IdxFileTests.Idx(2051, new[] { 3, 2, 2 }, new byte[12])));
        File.WriteAllBytes(tmp.File("train-labels-idx1-ubyte"), IdxFileTests.Idx(2049, new[] { 3 }, new byte[] { 0, 1, 2 }));
        using var ds = FashionMnist.Load(FashionMnist.Locate(tmp.Path));
        Assert.Equal(3, ds.Count);
        Assert.Contains("train split", ds.Source);
    }
}
