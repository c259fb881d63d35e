using GanSharp.Recipes;
using GanSharp.Recipes.ImageToImage;
using GanSharp.Tests.Training;
using GanSharp.Training;
using Xunit;

namespace GanSharp.Tests.Recipes;

/// <summary>pix2pix on pairs made from the embedded Fashion-MNIST: resume, the schedule, what it refuses, its pictures.</summary>
public sealed class Pix2PixTests
{
    private static Pix2PixOptions Tiny(int resolution = 32) => Families.DefaultsOf<Pix2PixOptions>("pix2pix") with { Resolution = resolution, Width = 4, BatchSize = 4 };

    private static TrainerOptions Pairs(long steps, string pairs = "edges", int checkpointEvery = 1000) => TinyRuns.Trainer(steps, checkpointEvery) with { Pairs = pairs };

    [Fact]
    public void Resume_IsBitIdentical_WithDropoutAndRandomMasks()
    {
        // 64×64 has one dropout layer (global RNG) and masks come from a stream seeded by the batch position: both must resume.
        using var tmp = TestSetup.Temp();
        float[] straight;
        using (var s = TinyRuns.Start(tmp, "a", Tiny(64), Pairs(4, "masked", checkpointEvery: 2)))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            straight = TinyRuns.Weights(s.Recipe);
        }
        using (var s = TinyRuns.Start(tmp, "b", Tiny(64), Pairs(2, "masked", checkpointEvery: 2)))
            s.Train(Array.Empty<ITrainingCallback>());
        using var resumed = TrainingSession.Resume(tmp.File("b"), _ => { }, totalSteps: 4);
        resumed.Train(Array.Empty<ITrainingCallback>());
        Assert.Equal(straight, TinyRuns.Weights(resumed.Recipe));
    }

    [Fact]
    public void LearningRate_IsConstantForTheFirstHalf_ThenFallsLinearlyToZero()
    {
        using var tmp = TestSetup.Temp();
        var factors = new List<double>();
        using var s = TinyRuns.Start(tmp, "r", Tiny(), Pairs(10));
        s.Train(new ITrainingCallback[] { new Record(factors) });
        // by hand: T = 10, constant for 5 steps; the factor at step t (0-based) is 1 for t ≤ 5, else 1 − (t − 5)/5
        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1, 0.8, 0.6, 0.4, 0.2 }, factors.Select(f => Math.Round(f, 9)));
        var p = (Pix2Pix)s.Recipe;
        Assert.Equal(2e-4 * 0.2, p.State.OptimizerNamed("generator").Optimizer.ParamGroups.First().LearningRate, 12);
    }

    [Fact]
    public void PairsAreRequired_AndMustBeOfOneSize_AndInputsTakeTheirOwnChannels()
    {
        using var tmp = TestSetup.Temp();
        Assert.Contains("trains on (input, target) pairs", Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "x", Tiny(), TinyRuns.Trainer(1))).Message);
        Assert.Contains("one size", Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "y", Tiny(), Pairs(1, "low-res-4"))).Message);
        using var s = TinyRuns.Start(tmp, "z", Tiny(), Pairs(1));
        var o = (Pix2PixOptions)s.Config.Options;
        Assert.Equal((1, 1), (o.InputChannels, o.Channels));
        var names = s.Recipe.State.Modules.Select(m => m.Name);
        Assert.Equal(new[] { "generator", "discriminator" }, names);
    }

    [Fact]
    public void SampleGrids_ShowInputOutputTarget_TwoTriplesARow()
    {
        using var tmp = TestSetup.Temp();
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "train", "pix2pix", "--data", "embedded", "--pairs", "edges", "--resolution", "32", "--width", "4",
            "--batch-size", "4", "--steps", "1", "--runs", tmp.Path, "--name", "p" }, new StringWriter(), error), error.ToString());
        var (rgb, w, h) = GanSharp.Imaging.ImageGrid.ReadPng(tmp.File("p/samples/step-000001.png"));
        Assert.Equal((2 + 6 * 34, 2 + 4 * 34), (w, h));                        // 8 examples × (input, output, target) in 6 columns
        double Mean(int column) => Enumerable.Range(0, 32 * 32).Average(i => rgb[3 * ((2 + i / 32) * w + 2 + column * 34 + i % 32)]);
        Assert.InRange(Mean(0), 170, 255);                                      // the input: dark edges on white
        Assert.InRange(Mean(2), 0, 140);                                        // the target: a garment on black

        var refused = new StringWriter();
        Assert.Equal(GanSharp.Cli.ExitCode.Error, GanSharp.Cli.GanCli.Run(new[] { "train", "pix2pix", "--data", "embedded", "--pairs", "edges", "--resolution", "32", "--width", "4",
            "--steps", "2", "--log-every", "1", "--eval-every", "1", "--runs", tmp.Path, "--name", "q", "--no-conv-check" }, new StringWriter(), refused));
        Assert.Contains("measure it with gan eval", refused.ToString());
    }

    private sealed class Record(List<double> factors) : ITrainingCallback
    {
        public void OnStep(TrainingState state, StepLog log) => factors.Add(log["lr/factor"]);
    }
}

public sealed class TranslationEvaluationTests
{
    [Fact]
    public void Psnr_AndL1_OfAConstantOffset_AreTheirClosedForms()
    {
        // in [0, 1] units an offset of 0.1 everywhere: MSE 0.01, PSNR 10·log10(1/0.01) = 20 dB; L1 0.1. In [−1, 1] the offset is 0.2.
        var target = TorchSharp.torch.rand(new long[] { 3, 3, 8, 8 }, TorchSharp.torch.ScalarType.Float64) * 1.6 - 0.8;   // float64, so the offsets are exact
        var image = target + 0.2;
        Assert.Equal(20.0, GanSharp.Metrics.ImageQuality.Psnr(image, target), 6);
        Assert.Equal(0.1, GanSharp.Metrics.ImageQuality.L1(image, target), 6);
        // per-image then averaged: offsets 0.1 and 0.01 give 20 and 40 dB, mean 30
        var mixed = TorchSharp.torch.cat(new[] { target.narrow(0, 0, 1) + 0.2, target.narrow(0, 1, 1) + 0.02 }, 0);
        Assert.Equal(30.0, GanSharp.Metrics.ImageQuality.Psnr(mixed, target.narrow(0, 0, 2)), 6);
    }

    [Fact]
    public void GanEval_OfAPix2PixRun_MeasuresTranslationsAgainstTheirTargets()
    {
        using var tmp = TestSetup.Temp();
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "train", "pix2pix", "--data", "embedded", "--pairs", "grey", "--resolution", "32", "--width", "4",
            "--batch-size", "4", "--steps", "2", "--runs", tmp.Path, "--name", "p" }, new StringWriter(), error), error.ToString());
        var output = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "eval", tmp.File("p"), "--count", "40", "--data", "embedded" }, output, error), error.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(tmp.File("p/eval.json")));
        var r = json.RootElement;
        Assert.Equal(40, r.GetProperty("pairs").GetInt32());
        Assert.InRange(r.GetProperty("psnr").GetDouble(), 0, 60);
        Assert.Equal("Infinity", r.GetProperty("psnrOfInputs").GetString());      // grey pairs of grey images: the input is the target
        Assert.Equal(40, r.GetProperty("setMetrics").GetProperty("generatedCount").GetInt64());
        var (_, w, h) = GanSharp.Imaging.ImageGrid.ReadPng(tmp.File("p/translations.png"));
        Assert.Equal((2 + 6 * 34, 2 + 4 * 34), (w, h));
    }
}

public sealed class TranslateCommandTests
{
    [Fact]
    public void Translate_WritesOneOutputPerImage_UnderItsRelativePath_AsTheGeneratorMakesIt()
    {
        using var tmp = TestSetup.Temp();
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "train", "pix2pix", "--data", "embedded", "--pairs", "edges", "--resolution", "32", "--width", "4",
            "--batch-size", "4", "--steps", "2", "--runs", tmp.Path, "--name", "p" }, new StringWriter(), error), error.ToString());
        GanSharp.Tests.Data.DrawnFolders.Draw(tmp.File("in"), 3, classes: true);   // 16×16 colour pictures in discs/ and squares/
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "translate", tmp.File("p"), tmp.File("in"), "--out", tmp.File("out"), "--make-input", "--resize" }, new StringWriter(), error), error.ToString());
        var written = Directory.GetFiles(tmp.File("out"), "*.png", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(tmp.File("out"), f)).Order().ToArray();
        Assert.Equal(new[] { "discs/000.png", "discs/002.png", "squares/001.png" }, written);

        // the same image through the run's generator by hand: decoded grey at 32, edges made, G in eval mode
        using var sampler = new GanSharp.Training.RunSampler(tmp.File("p"));
        var decoded = GanSharp.Data.Sources.ImageDecoder.Decode(tmp.File("in/discs/000.png"), 32, 1, SkiaSharp.SKColors.White).Pixels;
        var x = TorchSharp.torch.tensor(decoded, new long[] { 1, 1, 32, 32 }, TorchSharp.torch.ScalarType.Byte).to_type(TorchSharp.torch.ScalarType.Float32).div(127.5f).sub(1f);
        var expected = GanSharp.Imaging.ImageGrid.EncodePng(sampler.SampleLatents(new GanSharp.Data.Pairs.SobelEdges().Input(x, null)), columns: 1, padding: 0);
        Assert.Equal(expected, File.ReadAllBytes(tmp.File("out/discs/000.png")));

        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "train", "dcgan", "--data", "embedded", "--width", "4", "--steps", "1", "--runs", tmp.Path, "--name", "d" }, new StringWriter(), error), error.ToString());
        var refused = new StringWriter();
        Assert.Equal(GanSharp.Cli.ExitCode.Error, GanSharp.Cli.GanCli.Run(new[] { "translate", tmp.File("d"), tmp.File("in") }, new StringWriter(), refused));
        Assert.Contains("needs a run that translates images", refused.ToString());
    }

    [Fact]
    public void Translate_KeepsEachImagesOwnSize_InTiles_AndRefusesTheBackwardDirectionOfAOneWayRun()
    {
        using var tmp = TestSetup.Temp();
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "train", "pix2pix", "--data", "embedded", "--pairs", "grey", "--resolution", "32", "--width", "4",
            "--batch-size", "4", "--steps", "1", "--runs", tmp.Path, "--name", "p" }, new StringWriter(), error), error.ToString());
        Directory.CreateDirectory(tmp.File("in"));
        using (var wide = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.L8>(70, 45))
            SixLabors.ImageSharp.ImageExtensions.SaveAsPng(wide, tmp.File("in/wide.png"));
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "translate", tmp.File("p"), tmp.File("in"), "--out", tmp.File("out") }, new StringWriter(), error), error.ToString());
        var (_, w, h) = GanSharp.Imaging.ImageGrid.ReadPng(tmp.File("out/wide.png"));
        Assert.Equal((70, 45), (w, h));
        var refused = new StringWriter();
        Assert.Equal(GanSharp.Cli.ExitCode.Error, GanSharp.Cli.GanCli.Run(new[] { "translate", tmp.File("p"), tmp.File("in"), "--direction", "b2a" }, new StringWriter(), refused));
        Assert.Contains("translates one way", refused.ToString());
    }
}

public sealed class SsimTests
{
    private static TorchSharp.torch.Tensor InMinusOneOne(TorchSharp.torch.Tensor unit) => unit * 2 - 1;

    [Fact]
    public void Ssim_OfConstantImages_IsTheLuminanceTermAlone()
    {
        // constant a and b in [0, 1]: no variance, no covariance, so SSIM = (2ab + C₁)/(a² + b² + C₁) with C₁ = 10⁻⁴
        var a = TorchSharp.torch.full(new long[] { 1, 1, 9, 9 }, 0.2, TorchSharp.torch.ScalarType.Float64);
        var b = TorchSharp.torch.full(new long[] { 1, 1, 9, 9 }, 0.6, TorchSharp.torch.ScalarType.Float64);
        Assert.Equal((2 * 0.2 * 0.6 + 1e-4) / (0.04 + 0.36 + 1e-4), GanSharp.Metrics.ImageQuality.Ssim(InMinusOneOne(a), InMinusOneOne(b)), 10);
        var x = TorchSharp.torch.rand(new long[] { 2, 3, 12, 12 }, TorchSharp.torch.ScalarType.Float64);
        Assert.Equal(1.0, GanSharp.Metrics.ImageQuality.Ssim(x, x), 12);
    }

    [Fact]
    public void Ssim_EqualsANaiveLoopOverEveryWindow()
    {
        var x = TorchSharp.torch.rand(new long[] { 2, 2, 10, 11 }, TorchSharp.torch.ScalarType.Float64);
        var y = (x * 0.6 + TorchSharp.torch.rand(new long[] { 2, 2, 10, 11 }, TorchSharp.torch.ScalarType.Float64) * 0.4).clamp(0, 1);
        var xs = x.data<double>().ToArray();
        var ys = y.data<double>().ToArray();
        double sum = 0;
        int count = 0;
        for (int plane = 0; plane < 4; plane++)
            for (int top = 0; top + 7 <= 10; top++)
                for (int left = 0; left + 7 <= 11; left++)
                {
                    var px = new List<double>();
                    var py = new List<double>();
                    for (int r = top; r < top + 7; r++)
                        for (int c = left; c < left + 7; c++) { px.Add(xs[plane * 110 + r * 11 + c]); py.Add(ys[plane * 110 + r * 11 + c]); }
                    double mx = px.Average(), my = py.Average();
                    double vx = px.Sum(v => (v - mx) * (v - mx)) / 48, vy = py.Sum(v => (v - my) * (v - my)) / 48;
                    double cov = px.Zip(py).Sum(p => (p.First - mx) * (p.Second - my)) / 48;
                    sum += (2 * mx * my + 1e-4) * (2 * cov + 9e-4) / ((mx * mx + my * my + 1e-4) * (vx + vy + 9e-4));
                    count++;
                }
        Assert.Equal(sum / count, GanSharp.Metrics.ImageQuality.Ssim(InMinusOneOne(x), InMinusOneOne(y)), 10);
    }
}
