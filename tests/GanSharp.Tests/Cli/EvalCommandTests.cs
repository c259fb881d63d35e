using GanSharp.Features;
using System.Text.Json;
using GanSharp.Cli;
using GanSharp.Metrics;
using Xunit;

namespace GanSharp.Tests.Cli;

public sealed class EvalCommandTests
{
    [Fact]
    public void Eval_OfARun_WritesEvalJsonNamingNetworkAndCounts_AndANearestNeighbourGrid()
    {
        using var tmp = TestSetup.Temp();
        TorchSharp.torch.manual_seed(3);
        FeatureNetworkTraining.Save(new FeatureNetwork(), new FeatureNetworkTraining.Provenance("test", 0, 0, 0.1, 0, 0, "none"), tmp.File("net.bin"));
        var err = new StringWriter();
        Assert.True(0 == GanCli.Run(new[] { "train", "vanilla", "--steps", "2", "--width", "16", "--batch-size", "8", "--data", "embedded",
            "--runs", tmp.Path, "--name", "v" }, new StringWriter(), err), err.ToString());
        var output = new StringWriter();
        Assert.True(0 == GanCli.Run(new[] { "eval", tmp.File("v"), "--count", "40", "--features", tmp.File("net.bin"), "--data", "embedded" }, output, err), err.ToString());
        Assert.Contains("FID", output.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(tmp.File("v/eval.json")));
        var root = json.RootElement;
        Assert.Equal(40, root.GetProperty("generatedCount").GetInt64());
        Assert.Equal(40, root.GetProperty("realCount").GetInt64());
        Assert.Contains("net.bin", root.GetProperty("featureNetwork").GetString());
        Assert.Contains("test split", root.GetProperty("reference").GetString());
        Assert.InRange(root.GetProperty("fid").GetDouble(), 0, 1e9);
        Assert.InRange(root.GetProperty("inceptionScoreMean").GetDouble(), 1, 10);
        Assert.InRange(root.GetProperty("precision").GetDouble(), 0, 1);
        var (_, w, h) = GanSharp.Imaging.ImageGrid.ReadPng(tmp.File("v/nearest-neighbours.png"));
        Assert.Equal((2 + 8 * 30, 2 + 8 * 30), (w, h));   // 8 rows of 1 sample + 7 neighbours
    }

    [Fact]
    public void RealFloor_WithOnlyTheEmbeddedSplit_IsAClearError()
    {
        var err = new StringWriter();
        Assert.Equal(ExitCode.Error, GanCli.Run(new[] { "eval", "--real-floor", "--data", "embedded" }, new StringWriter(), err));
        Assert.Contains("both splits", err.ToString());
    }
}

public sealed class EvalDuringTrainingTests
{
    [Fact]
    public void EvalEvery_LogsFidAndKid_KeepsBestCheckpoint_AndPlotsFid()
    {
        using var tmp = TestSetup.Temp();
        TorchSharp.torch.manual_seed(4);
        FeatureNetworkTraining.Save(new FeatureNetwork(), new FeatureNetworkTraining.Provenance("test", 0, 0, 0.1, 0, 0, "none"), tmp.File("net.bin"));
        var err = new StringWriter();
        Assert.True(0 == GanCli.Run(new[] { "train", "vanilla", "--steps", "4", "--width", "16", "--batch-size", "8", "--data", "embedded",
            "--runs", tmp.Path, "--name", "v", "--log-every", "1", "--eval-every", "2", "--eval-samples", "20", "--features", tmp.File("net.bin") },
            new StringWriter(), err), err.ToString());
        var records = GanSharp.Training.Callbacks.MetricsLog.ReadAll(tmp.File("v/metrics.jsonl"));
        Assert.Equal(new long[] { 2, 4 }, records.Where(r => r["fid"] is not null).Select(r => r["step"]!.GetValue<long>()));
        Assert.All(records.Where(r => r["fid"] is not null), r => Assert.InRange(r["fid"]!.GetValue<double>(), 0, 1e9));
        Assert.True(File.Exists(tmp.File("v/checkpoints/best.ckpt")));
        Assert.Equal(3 * 320, GanSharp.Imaging.ImageGrid.ReadPng(tmp.File("v/losses.png")).Height);   // losses, D outputs, FID
    }

    [Fact]
    public void EvalEvery_NotAMultipleOfLogEvery_IsAClearError()
    {
        var err = new StringWriter();
        Assert.Equal(ExitCode.Error, GanCli.Run(new[] { "train", "vanilla", "--steps", "4", "--log-every", "3", "--eval-every", "4", "--data", "embedded" }, new StringWriter(), err));
        Assert.Contains("multiple of --log-every", err.ToString());
    }
}

public sealed class EvalImagesTests
{
    [Fact]
    public void Eval_OfAnIdxFileAndOfAPngFolder_WritesTheirReports()
    {
        using var tmp = TestSetup.Temp();
        using var data = GanSharp.Data.FashionMnist.Load(GanSharp.Data.FashionMnist.Locate(GanSharp.Data.FashionMnist.Embedded));
        // 30 real test images as an IDX file and as 30 PNGs: both evaluate like generated sets.
        var pixels = data.Images.narrow(0, 0, 30).add(1).mul(127.5).round().to_type(TorchSharp.torch.ScalarType.Byte);
        File.WriteAllBytes(tmp.File("imgs.idx"), GanSharp.Tests.Data.IdxFileTests.Idx(2051, new[] { 30, 28, 28 }, pixels.data<byte>().ToArray()));
        Directory.CreateDirectory(tmp.File("pngs"));
        for (int i = 0; i < 30; i++) GanSharp.Imaging.ImageGrid.Save(data.Images.narrow(0, i, 1), tmp.File($"pngs/{i:D3}.png"), columns: 1, padding: 0);
        var err = new StringWriter();
        Assert.True(0 == GanCli.Run(new[] { "eval", tmp.File("imgs.idx"), "--count", "30", "--data", "embedded" }, new StringWriter(), err), err.ToString());
        Assert.True(0 == GanCli.Run(new[] { "eval", tmp.File("pngs"), "--count", "30", "--data", "embedded" }, new StringWriter(), err), err.ToString());
        using var idx = JsonDocument.Parse(File.ReadAllText(tmp.File("imgs.idx.eval.json")));
        using var png = JsonDocument.Parse(File.ReadAllText(tmp.File("pngs/eval.json")));
        // The same 30 images either way (PNG round trip is lossless for grey 8-bit): the same FID.
        Assert.Equal(idx.RootElement.GetProperty("fid").GetDouble(), png.RootElement.GetProperty("fid").GetDouble(), 6);
        Assert.Equal(30, png.RootElement.GetProperty("generatedCount").GetInt64());
    }
}
