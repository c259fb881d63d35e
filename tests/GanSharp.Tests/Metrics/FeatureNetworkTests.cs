using GanSharp.Features;
using GanSharp.Data;
using GanSharp.Metrics;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Metrics;

public sealed class FeatureNetworkTests
{
    [Fact]
    public void Extract_GivesFeaturesAndProbabilities_InBatches()
    {
        var net = new FeatureNetwork();
        var (features, p) = net.Extract(randn(7, 1, 28, 28), batchSize: 3);
        Assert.Equal(new long[] { 7, FeatureNetwork.Size }, features.shape);
        Assert.Equal(new long[] { 7, 10 }, p.shape);
        Assert.True(p.sum(1).allclose(ones(7, dtype: ScalarType.Float64), rtol: 0, atol: 1e-9));
        Assert.Throws<GanSharpException>(() => net.Extract(randn(2, 1, 64, 64)));
    }

    [Fact]
    public void SaveAndLoad_RoundTripTheWeightsAndProvenance()
    {
        using var tmp = TestSetup.Temp();
        manual_seed(1);
        var net = new FeatureNetwork();
        var info = new FeatureNetworkTraining.Provenance("gan features train --epochs 1", 1, 1, 0.5, 10, 10, "test");
        FeatureNetworkTraining.Save(net, info, tmp.File("net.bin"));
        var (loaded, description) = FeatureNetworks.Load(tmp.File("net.bin"));
        var x = randn(3, 1, 28, 28);
        Assert.True(net.Extract(x).Features.allclose(loaded.Extract(x).Features, 0, 0));
        Assert.Contains("net.bin", description);
        Assert.Contains("\"TestAccuracy\": 0.5", File.ReadAllText(tmp.File("net.json")));
    }

    [Fact]
    public void Load_NotAWeightsFile_IsAClearError()
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllText(tmp.File("junk.bin"), "junk");
        var e = Assert.Throws<GanSharpException>(() => FeatureNetworks.Load(tmp.File("junk.bin")));
        Assert.Contains("junk.bin", e.Message);
    }

    [Fact]
    public void TrainingOneShortEpoch_LearnsSomething()
    {
        // 2,000 test-split images, two epochs: far above the 10% of chance on 2,000 others.
        using var all = FashionMnist.Load(FashionMnist.Locate(FashionMnist.Embedded));
        using var train = new ImageDataset(all.Images.narrow(0, 0, 2000), all.Labels.narrow(0, 0, 2000), "first 2,000");
        using var test = new ImageDataset(all.Images.narrow(0, 8000, 2000), all.Labels.narrow(0, 8000, 2000), "last 2,000");
        var (_, info) = FeatureNetworkTraining.Train(train, test, epochs: 2, seed: 0, "test", _ => { });
        Assert.InRange(info.TestAccuracy, 0.5, 1.0);
    }
}
