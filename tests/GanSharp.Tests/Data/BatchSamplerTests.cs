using GanSharp.Data;
using TorchSharp;
using Xunit;

namespace GanSharp.Tests.Data;

public sealed class BatchSamplerTests
{
    /// <summary>Ten 1×1 images whose pixel value is their index, so a batch shows which images it holds.</summary>
    private static ImageDataset Indexed() =>
        new(torch.arange(10, dtype: torch.float32).view(10, 1, 1, 1), torch.zeros(10, dtype: torch.int64), "indexed");

    private static long[] Epoch(BatchSampler s) =>
        Enumerable.Range(0, (int)s.BatchesPerEpoch).SelectMany(_ => s.Next().X.data<float>().ToArray().Select(v => (long)v)).ToArray();

    [Fact]
    public void Next_CoversEveryImageOncePerEpoch_InANewOrderEachEpoch()
    {
        using var ds = Indexed();
        using var s = new BatchSampler(ds, batchSize: 5, seed: 3, torch.CPU);
        var first = Epoch(s);
        var second = Epoch(s);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), first.Order());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), second.Order());
        Assert.NotEqual(first, second);
        Assert.Equal(1, s.Epoch);
    }

    [Fact]
    public void Seek_ReproducesTheSameBatches()
    {
        using var ds = Indexed();
        using var a = new BatchSampler(ds, batchSize: 3, seed: 9, torch.CPU);
        for (int i = 0; i < 4; i++) a.Next();   // into the second epoch (3 batches per epoch)
        var expected = a.Next().X.data<float>().ToArray();
        using var b = new BatchSampler(ds, batchSize: 3, seed: 9, torch.CPU);
        b.Seek(1, 1);
        Assert.Equal(expected, b.Next().X.data<float>().ToArray());
    }

    [Fact]
    public void Next_UpsamplesToTheRequestedResolution()
    {
        using var ds = new ImageDataset(torch.zeros(4, 1, 28, 28), torch.zeros(4, dtype: torch.int64), "zeros");
        using var s = new BatchSampler(ds, 2, 0, torch.CPU, resolution: 64);
        Assert.Equal(new long[] { 2, 1, 64, 64 }, s.Next().X.shape);
    }

    [Fact]
    public void Constructor_BatchLargerThanData_IsAClearError()
    {
        using var ds = Indexed();
        var e = Assert.Throws<GanSharpException>(() => new BatchSampler(ds, 11, 0, torch.CPU));
        Assert.Contains("10 images, fewer than one batch of 11", e.Message);
    }
}
