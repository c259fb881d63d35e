using SixLabors.ImageSharp;
using GanSharp.Tests.Data;
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
        var (_, info) = FeatureNetworkTraining.Train(train, test, FeatureTask.Labels, epochs: 2, seed: 0, "test", _ => { });
        Assert.InRange(info.TestAccuracy, 0.5, 1.0);
    }
}

/// <summary>Feature networks of image folders: their shapes, the rotation task, training on folders the tests draw, and finding them again.</summary>
public sealed class FolderFeatureNetworkTests
{
    [Theory]
    [InlineData(28, 1, 64 * 7 * 7)]     // Fashion-MNIST: 28 → 14 → 7, the embedded network's layout
    [InlineData(32, 3, 64 * 8 * 8)]     // 32 → 16 → 8
    [InlineData(64, 3, 64 * 8 * 8)]     // one more conv-and-pool block
    [InlineData(128, 1, 64 * 8 * 8)]    // two more
    public void Network_EndsAtMost8x8_BeforeItsFeatureLayer(int side, int channels, int fcInputs)
    {
        using var net = new FeatureNetwork(new FeatureInput(channels, side, 4));
        var weights = net.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal(new long[] { FeatureNetwork.Size, fcInputs }, weights["body.fc.weight"]);
        Assert.Equal(new long[] { 32, channels, 3, 3 }, weights["body.conv1.weight"]);
        Assert.Equal(new long[] { 4, FeatureNetwork.Size }, weights["classifier.logits.weight"]);
        Assert.Equal(Math.Max(0, (int)Math.Log2(side / 32.0)), weights.Keys.Count(k => k.EndsWith("_conv.weight")));
        var (features, p) = net.Extract(randn(3, channels, side, side));
        Assert.Equal(new long[] { 3, FeatureNetwork.Size }, features.shape);
        Assert.Equal(new long[] { 3, 4 }, p.shape);
        Assert.Throws<GanSharpException>(() => net.Extract(randn(3, channels, side / 2, side / 2)));
    }

    [Fact]
    public void Rotated_GivesEachImageAtItsFourQuarterTurns_Anticlockwise()
    {
        var x = tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, new long[] { 2, 1, 2, 2 });   // [[1 2] [3 4]] and [[5 6] [7 8]]
        var (images, turns) = FeatureNetworkTraining.Rotated(x);
        // by hand: a quarter turn anticlockwise takes [[a b] [c d]] to [[b d] [a c]]
        var expected = new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 2, 4, 1, 3, 6, 8, 5, 7, 4, 3, 2, 1, 8, 7, 6, 5, 3, 1, 4, 2, 7, 5, 8, 6 };
        Assert.Equal(expected, images.data<float>().ToArray());
        Assert.Equal(new long[] { 0, 0, 1, 1, 2, 2, 3, 3 }, turns.data<long>().ToArray());
    }

    [Fact]
    public void UnlabelledFolder_TrainsARotationNetwork_StoredWhereEvalLooks()
    {
        using var tmp = TestSetup.Temp();
        DrawnFolders.Draw(tmp.File("bars"), 200, classes: false);
        var options = new GanSharp.Data.Sources.ImageFolderOptions(16, 3, Background: SkiaSharp.SKColors.White);
        string stored = FeatureStore.PathFor(tmp.File("bars"), 3, 16, tmp.File("data-home"));
        Assert.Throws<GanSharpException>(() => FeatureStore.Find(tmp.File("bars"), 3, 16, "gan features train …", tmp.File("data-home")));
        var info = FeatureStore.TrainForFolder(tmp.File("bars"), options, epochs: 6, seed: 0, "test", stored, _ => { });

        Assert.Equal(FeatureTask.Rotation, info.Task);
        Assert.Equal((160L, 40L), (info.TrainImages, info.TestImages));          // the 80/20 split
        Assert.InRange(info.TestAccuracy, 0.6, 1.0);                              // chance is 25%
        Assert.Equal(stored, FeatureStore.Find(tmp.File("bars"), 3, 16, "gan features train …", tmp.File("data-home")));
        Assert.NotEqual(stored, FeatureStore.PathFor(tmp.File("bars"), 1, 16, tmp.File("data-home")));
        var (net, description) = FeatureNetworks.Load(stored);
        Assert.Equal(new FeatureInput(3, 16, 4), net.Input);
        Assert.Contains("rotations", description);
    }

    [Fact]
    public void LabelledFolder_TrainsOnItsSubfolders()
    {
        using var tmp = TestSetup.Temp();
        DrawnFolders.Draw(tmp.File("shapes"), 120, classes: true);
        var options = new GanSharp.Data.Sources.ImageFolderOptions(16, 3, Labels: true, Background: SkiaSharp.SKColors.White);
        var info = FeatureStore.TrainForFolder(tmp.File("shapes"), options, epochs: 4, seed: 0, "test", tmp.File("net.bin"), _ => { });
        Assert.Equal(FeatureTask.Labels, info.Task);
        Assert.Equal(new[] { "discs", "squares" }, info.ClassNames);
        Assert.InRange(info.TestAccuracy, 0.9, 1.0);                              // red discs and blue squares are easy to tell apart
    }
}
