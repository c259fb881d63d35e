using GanSharp.Data;
using GanSharp.Data.Sets;
using GanSharp.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Training;

public sealed class HoldOutTests
{
    [Fact]
    public void HeldOutPairs_AreTheSplitsTestPart_AndTrainingNeverSeesThem()
    {
        // 10% of the embedded 10,000 by the seed's split: training draws from 9,000, the examples are the other 1,000 in split order
        using var idx = FashionMnist.Load(FashionMnist.Locate("embedded"));
        var t = TinyRuns.Trainer(1) with { Pairs = "grey", HoldOut = 0.1 };
        var pairs = PairedData.Open(t, 28, 8, CPU, _ => { }, idx);
        Assert.True(pairs.HeldOut);
        Assert.Equal((9000L, 1000L), (pairs.Count, pairs.ExampleCount));
        var (train, test) = SubsetSource.Split(idx, 0.1, t.Seed);
        var shown = pairs.Examples(3).RequireY("pairs");
        Assert.Equal(test.Read(arange(3)).X.data<float>().ToArray(), shown.data<float>().ToArray());
        // a training batch holds none of the held-out images
        var heldOut = test.Read(arange(test.Count)).X.flatten(1);
        var batch = pairs.Batches.Next().RequireY("pairs").flatten(1);
        var nearest = cdist(batch, heldOut).amin(1);
        Assert.True(nearest.min().item<float>() > 0, "a training batch contained a held-out image");
        Assert.Contains("--hold-out", Assert.Throws<GanSharpException>(() => (TinyRuns.Trainer(1) with { HoldOut = 0.1 }).Validated()).Message);
    }
}
