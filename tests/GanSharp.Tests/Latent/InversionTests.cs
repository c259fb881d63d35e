using GanSharp.Latent;
using GanSharp.Recipes;
using GanSharp.Tests.Training;
using GanSharp.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Latent;

public sealed class InversionTests
{
    private static GanOptions TinyDcgan => TinyRuns.Dcgan();

    [Fact]
    public void Encoder_ReducesTheHeldOutLatentError()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "e", TinyDcgan, TinyRuns.Trainer(2));
        s.Train(Array.Empty<ITrainingCallback>());
        var (_, summary) = EncoderTraining.Train(s.Recipe, TinyDcgan, steps: 150, seed: 1, runStep: 2);
        Assert.InRange(summary.HeldOutMseBefore, 0.5, 3);                       // z ~ N(0, I): an untrained E is off by about 1 per dimension
        Assert.True(summary.HeldOutMseAfter < 0.8 * summary.HeldOutMseBefore, $"{summary.HeldOutMseBefore} → {summary.HeldOutMseAfter}");
    }

    [Fact]
    public void LatentOptimisation_LowersTheLossMonotonically_OnAFixedImage()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "i", TinyDcgan, TinyRuns.Trainer(2));
        s.Train(Array.Empty<ITrainingCallback>());
        manual_seed(5);
        var target = s.Recipe.Sample(randn(1, 16));                              // an image G can make
        var result = Inversion.Optimise(s.Recipe, z => z, target, randn(1, 16), steps: 60);
        Assert.True(result.Losses.Count > 10, "the line search should accept steps");
        for (int i = 1; i < result.Losses.Count; i++) Assert.True(result.Losses[i] < result.Losses[i - 1], $"loss rose at step {i}");
        Assert.True(result.Losses[^1] < 0.7 * result.Losses[0], $"{result.Losses[0]} → {result.Losses[^1]}");
    }

    [Fact]
    public void GanInvert_OfAConditionalRun_WritesTargetGuessOptimisedAndEachClass()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "c", Families.DefaultsOf<GanSharp.Recipes.ConditionalOptions>("cgan") with { Width = 8, BatchSize = 16, LatentSize = 16 }, TinyRuns.Trainer(1)))
            s.Train(Array.Empty<ITrainingCallback>());
        var output = new StringWriter();
        var err = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "invert", tmp.File("c"), "test:0", "--data", "embedded", "--steps", "5", "--encoder-steps", "5",
            "--to-class", "1", "5", "--out", tmp.File("inv.png") }, output, err), err.ToString());
        using (var png = SkiaSharp.SKBitmap.Decode(tmp.File("inv.png"))) Assert.Equal((5 * 30 + 2, 32), (png.Width, png.Height));
        Assert.True(File.Exists(tmp.File("c/encoder.bin")));
        Assert.Contains("inverting test:0 as class 9", output.ToString());             // test image 0 is an ankle boot (label 9)
    }

    [Fact]
    public void Interpolation_BetweenTwoInvertedImages()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "u", TinyDcgan, TinyRuns.Trainer(1)))
            s.Train(Array.Empty<ITrainingCallback>());
        // An encoder trained for a few steps, so the command does not train the default 2,000.
        using (var sampler = new RunSampler(tmp.File("u")))
        {
            var (encoder, summary) = EncoderTraining.Train(sampler.Recipe, TinyDcgan, steps: 3, seed: 0, runStep: 1);
            EncoderTraining.Save(tmp.File("u"), encoder, summary);
        }
        var output = new StringWriter();
        var err = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "latent", "interpolate", tmp.File("u"), "--from-image", "test:0", "--to-image", "test:1", "--steps", "4",
            "--out", tmp.File("walk.png") }, output, err), err.ToString());
        Assert.Contains("test:1: reconstruction loss", output.ToString());
        using var png = SkiaSharp.SKBitmap.Decode(tmp.File("walk.png"));
        Assert.Equal((4 * 30 + 2, 32), (png.Width, png.Height));
    }
}
