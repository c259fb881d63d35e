using GanSharp.Features;
using GanSharp.Cli;
using GanSharp.Data;
using GanSharp.Metrics;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Metrics;

public sealed class ModeCountTests
{
    [Fact]
    public void FromLabels_TwoBalancedModes_HaveKlLog500()
    {
        var r = ModeCount.FromLabels(tensor(new long[] { 7, 7, 912, 912 }));
        Assert.Equal(2, r.Modes);
        Assert.Equal(Math.Log(500), r.KlToUniform, 9);           // p = ½ on two modes: Σ ½ log(1000 · ½)
        var all = ModeCount.FromLabels(arange(1000, dtype: ScalarType.Int64));
        Assert.Equal((1000, 0.0), (all.Modes, Math.Round(all.KlToUniform, 12)));
    }

    [Fact]
    public void Stacked_HasThreeChannelsFromThreeImages_AndTheirLabelTriple()
    {
        using var source = FashionMnist.Load(FashionMnist.Locate(FashionMnist.Embedded));
        using var stacked = StackedFashionMnist.Create(source, 50, seed: 1);
        Assert.Equal(new long[] { 50, 3, 28, 28 }, stacked.Images.shape);
        // Each channel equals some source image whose label is the matching digit of the triple.
        for (int i = 0; i < 5; i++)
        {
            long label = stacked.Labels[i].item<long>();
            for (int c = 0; c < 3; c++)
            {
                var channel = stacked.Images[i, c].unsqueeze(0);
                var match = (source.Images.squeeze(1) - channel).abs().sum(new long[] { 1, 2 }).eq(0).nonzero();
                Assert.True(match.shape[0] > 0);
                long digit = label / (long)Math.Pow(10, 2 - c) % 10;
                Assert.Contains(digit, match.flatten().data<long>().Select(j => source.Labels[j].item<long>()));
            }
        }
    }

    [Fact]
    public void StackedRun_TrainsWithThreeChannels_AndModesCounts()
    {
        using var tmp = TestSetup.Temp();
        manual_seed(5);
        FeatureNetworkTraining.Save(new FeatureNetwork(), new FeatureNetworkTraining.Provenance("test", 0, 0, 0.1, 0, 0, "none"), tmp.File("net.bin"));
        var err = new StringWriter();
        Assert.True(0 == GanCli.Run(new[] { "train", "dcgan", "--dataset", "stacked-fashion-mnist", "--steps", "2", "--width", "8", "--batch-size", "8",
            "--data", "embedded", "--runs", tmp.Path, "--name", "s" }, new StringWriter(), err), err.ToString());
        var output = new StringWriter();
        Assert.True(0 == GanCli.Run(new[] { "modes", tmp.File("s"), "--count", "100", "--features", tmp.File("net.bin") }, output, err), err.ToString());
        Assert.Contains("of 1000 modes", output.ToString());
    }
}
