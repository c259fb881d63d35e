using System.Text.Json;
using GanSharp.Cli;
using GanSharp.Data;
using GanSharp.Recipes;
using GanSharp.Tests.Training;
using GanSharp.Training;
using TorchSharp;
using Xunit;

namespace GanSharp.Tests.Lab;

public sealed class ToyRunTests
{
    [Fact]
    public void ToyBatches_AreFreshEachBatch_AndSeekReproducesThem()
    {
        using var a = new ToyBatches(ToyDistribution.Grid(), 5, seed: 2, TorchSharp.torch.CPU);
        var first = a.Next().X;
        var second = a.Next().X;
        Assert.False(first.allclose(second));
        using var b = new ToyBatches(ToyDistribution.Grid(), 5, seed: 2, TorchSharp.torch.CPU);
        b.Seek(0, 1);
        Assert.True(b.Next().X.allclose(second, 0, 0));
    }

    [Fact]
    public void GanToy_WritesScatterPlotsAndCoverage()
    {
        using var tmp = TestSetup.Temp();
        var err = new StringWriter();
        var output = new StringWriter();
        Assert.True(0 == GanCli.Run(new[] { "toy", "grid", "--steps", "4", "--sample-every", "2", "--runs", tmp.Path, "--name", "t" }, output, err), err.ToString());
        Assert.True(File.Exists(tmp.File("t/samples/step-000002.png")));
        Assert.True(File.Exists(tmp.File("t/samples/step-000004.png")));
        using (var gif = SixLabors.ImageSharp.Image.Load(tmp.File("t/training.gif")))
            Assert.Equal(2, gif.Frames.Count);                                     // the plots of steps 2 and 4
        Assert.Equal(0, GanCli.Run(new[] { "gif", tmp.File("t"), "--every", "5", "--width", "100", "--out", tmp.File("small.gif") }, output, err));
        using (var gif = SixLabors.ImageSharp.Image.Load(tmp.File("small.gif")))
            Assert.Equal((2, 100), (gif.Frames.Count, gif.Width));                // the first and, always, the last
        using var coverage = JsonDocument.Parse(File.ReadAllText(tmp.File("t/coverage.json")));
        Assert.Equal(25, coverage.RootElement.GetProperty("modes").GetInt32());
        Assert.Equal(2500, coverage.RootElement.GetProperty("samples").GetInt64());
        Assert.Contains("mode coverage at step 4", output.ToString());

        // gan eval of a toy run: coverage of the checkpoint's samples, checked by a plain loop over the 25 centres.
        Assert.True(0 == GanCli.Run(new[] { "eval", tmp.File("t"), "--count", "300", "--seed", "5" }, output, err), err.ToString());
        using var evaluated = JsonDocument.Parse(File.ReadAllText(tmp.File("t/eval-coverage.json")));
        float[] points;
        using (var sampler = new RunSampler(tmp.File("t")))
            points = sampler.Sample(300, 5).data<float>().ToArray();
        var captured = new HashSet<(int, int)>();
        int highQuality = 0;
        for (int i = 0; i < 300; i++)
        {
            double x = points[2 * i], y = points[2 * i + 1];
            int cx = (int)Math.Clamp(Math.Round(x / 2) * 2, -4, 4), cy = (int)Math.Clamp(Math.Round(y / 2) * 2, -4, 4);   // nearest grid centre
            if (Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) <= 3 * 0.05) { highQuality++; captured.Add((cx, cy)); }
        }
        Assert.Equal(300, evaluated.RootElement.GetProperty("samples").GetInt64());
        Assert.Equal(4, evaluated.RootElement.GetProperty("step").GetInt64());
        Assert.Equal(captured.Count, evaluated.RootElement.GetProperty("modesCaptured").GetInt32());
        Assert.Equal(highQuality / 300.0, evaluated.RootElement.GetProperty("highQuality").GetDouble(), 9);
        Assert.Contains("mode coverage of 300 samples", output.ToString());

        // A crafted checkpoint whose G puts every point on the centre (2, −2): 100% high quality,
        // one mode, reverse KL log 25 — known by hand, so the numbers above cannot be vacuous.
        using (var sampler = new RunSampler(tmp.File("t")))
        {
            using (TorchSharp.torch.no_grad())
                foreach (var (name, p) in ((Gan)sampler.Recipe).Generator.named_parameters())
                    if (name.Contains("to_point.weight")) p.zero_();
                    else if (name.Contains("to_point.bias")) p.copy_(TorchSharp.torch.tensor(new float[] { 2, -2 }));
            Checkpoint.Save(tmp.File("crafted.ckpt"), new Checkpoint.Position(4, 0, 0, 0, 0), sampler.Recipe, keepPrevious: false);
        }
        Assert.True(0 == GanCli.Run(new[] { "eval", tmp.File("t"), "--checkpoint", tmp.File("crafted.ckpt") }, output, err), err.ToString());
        using var crafted = JsonDocument.Parse(File.ReadAllText(tmp.File("t/eval-coverage.json")));
        Assert.Equal(2500, crafted.RootElement.GetProperty("samples").GetInt64());
        Assert.Equal(1, crafted.RootElement.GetProperty("modesCaptured").GetInt32());
        Assert.Equal(1.0, crafted.RootElement.GetProperty("highQuality").GetDouble(), 12);
        Assert.Equal(Math.Log(25), crafted.RootElement.GetProperty("reverseKl").GetDouble(), 9);
    }

    [Fact]
    public void ToyRun_WithUnrolling_ResumesBitIdentically()
    {
        using var tmp = TestSetup.Temp();
        var gan = Families.DefaultsOf<GanSharp.Recipes.ToyOptions>("toy") with { Width = 16, BatchSize = 32, UnrolledSteps = 3 };
        TrainerOptions Trainer(long steps) => new() { Steps = steps, Dataset = "toy:ring", Seed = 3, LogEvery = 1, SampleEvery = 1000, CheckpointEvery = 2 };
        float[] straight;
        using (var s = TrainingSession.Create(gan, Trainer(4), new RunDirectory(tmp.File("a")), _ => { }))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            straight = TinyRuns.Weights(s.Recipe);
        }
        using (var s = TrainingSession.Create(gan, Trainer(2), new RunDirectory(tmp.File("b")), _ => { }))
            s.Train(Array.Empty<ITrainingCallback>());
        using var resumed = TrainingSession.Resume(tmp.File("b"), _ => { }, totalSteps: 4);
        resumed.Train(Array.Empty<ITrainingCallback>());
        Assert.Equal(straight, TinyRuns.Weights(resumed.Recipe));
    }

    [Fact]
    public void ImageFamiliesOnToyData_AreAClearError()
    {
        var err = new StringWriter();
        Assert.Equal(ExitCode.Error, GanCli.Run(new[] { "train", "dcgan", "--dataset", "toy:ring", "--steps", "1" }, new StringWriter(), err));
        Assert.Contains("toy-mlp", err.ToString());
    }
}
