using GanSharp.Data;
using GanSharp.Tests.Training;
using GanSharp.Training;
using TorchSharp;
using Xunit;

namespace GanSharp.Tests.Data;

public sealed class StreamsTests
{
    /// <summary>n 1×1 images whose pixel is offset + index, labelled by index mod 3: a batch shows which images it holds.</summary>
    private static ImageDataset Indexed(int n, float offset = 0) =>
        new(torch.arange(n, dtype: torch.float32).add(offset).view(n, 1, 1, 1), torch.arange(n, dtype: torch.int64).remainder(3), $"indexed+{offset}");

    private static float[] Values(torch.Tensor t) => t.data<float>().ToArray();

    [Fact]
    public void PairedSource_KeepsEachInputWithItsTarget_AndItsLabel()
    {
        using var pairs = new PairedSource(Indexed(12), Indexed(12, offset: 100));
        using var s = new BatchSampler(pairs, batchSize: 4, seed: 2, torch.CPU);
        for (int i = 0; i < 5; i++)
        {
            var b = s.Next();
            var x = Values(b.X);
            Assert.Equal(x.Select(v => v + 100), Values(b.Y!));                                   // the pair survives the shuffle
            Assert.Equal(x.Select(v => (long)v % 3), b.Labels!.data<long>().ToArray());
        }
        Assert.Equal(DataShape.Image(1, 1, 1, 3), s.TargetShape);
    }

    [Fact]
    public void PairedSource_OfUnequalSizes_IsAClearError()
    {
        var e = Assert.Throws<GanSharpException>(() => new PairedSource(Indexed(12), Indexed(10, 100)));
        Assert.Contains("indexed+100 has 10", e.Message);
    }

    [Fact]
    public void UnpairedDomains_HaveIndependentOrders_AndSeekRestoresBoth()
    {
        // Domain A has 9 images (3 batches an epoch), B has 12 (4): their epochs turn at different steps.
        UnpairedBatches Make() => new(new BatchSampler(Indexed(9), 3, seed: 5, torch.CPU, name: "A"), new BatchSampler(Indexed(12, 100), 3, seed: 5, torch.CPU, name: "B"));
        using var a = Make();
        var drawn = Enumerable.Range(0, 7).Select(_ => a.Next()).ToList();
        Assert.Equal(new[] { new StreamPosition("A", 2, 1), new StreamPosition("B", 1, 3) }, a.Positions);
        var firstEpochA = drawn.Take(3).SelectMany(b => Values(b.X)).Order();
        var firstEpochB = drawn.Take(4).SelectMany(b => Values(b.Y!)).Order();
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (float)i), firstEpochA);
        Assert.Equal(Enumerable.Range(100, 12).Select(i => (float)i), firstEpochB);
        // Same seed, different names: the two orders are not one permutation offset by 100.
        Assert.NotEqual(Values(drawn[0].X).Select(v => v + 100), Values(drawn[0].Y!));

        var expected = a.Next();
        using var b = Make();
        b.Seek(new[] { new StreamPosition("A", 2, 1), new StreamPosition("B", 1, 3) });
        var again = b.Next();
        Assert.Equal(Values(expected.X), Values(again.X));
        Assert.Equal(Values(expected.Y!), Values(again.Y!));
    }

    [Fact]
    public void Seek_WithAnotherStreamsPositions_NamesWhatTheCheckpointHeld()
    {
        using var s = new BatchSampler(Indexed(9), 3, seed: 5, torch.CPU, name: "A");
        var e = Assert.Throws<GanSharpException>(() => s.Seek(new[] { new StreamPosition("B", 0, 1) }));
        Assert.Contains("[B]", e.Message);
        Assert.Contains("'A'", e.Message);
    }

    [Fact]
    public void ImageDataset_Shape_CountsClassesFromItsLabels()
    {
        using var ds = Indexed(7);
        Assert.Equal(DataShape.Image(1, 1, 1, classes: 3), ds.Shape);
        Assert.Equal(new long[] { 5, 1, 1, 1 }, ds.Shape.BatchShape(5));
        Assert.Equal(DataShape.Image(1, 64, 64, 3), ds.Shape.Resized(64));
    }

    [Fact]
    public void Session_TakesChannelsFromTheData_AndRecordsItsShape()
    {
        using var tmp = TestSetup.Temp();
        var gan = TinyRuns.Dcgan() with { Channels = 1 };                            // what the CLI passes: it does not know the data
        using (var s = TinyRuns.Start(tmp, "s", gan, TinyRuns.Trainer(1) with { Dataset = "stacked-fashion-mnist", StackedCount = 64 }))
            Assert.Equal(3, s.Config.Options.Channels);
        var config = RunConfig.Load(new RunDirectory(tmp.File("s")).Config);
        Assert.Equal(DataShape.Image(3, 28, 28, 1000), config.DataShape);
        Assert.Equal(3, config.Options.Channels);
    }
}
