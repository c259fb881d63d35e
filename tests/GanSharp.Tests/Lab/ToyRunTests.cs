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
        var first = a.Next();
        var second = a.Next();
        Assert.False(first.allclose(second));
        using var b = new ToyBatches(ToyDistribution.Grid(), 5, seed: 2, TorchSharp.torch.CPU);
        b.Seek(0, 1);
        Assert.True(b.Next().allclose(second, 0, 0));
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
    }

    [Fact]
    public void ToyRun_WithUnrolling_ResumesBitIdentically()
    {
        using var tmp = TestSetup.Temp();
        var gan = Families.Named("toy").Defaults with { Width = 16, BatchSize = 32, UnrolledSteps = 3 };
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
        Assert.Equal(GanCli.Error, GanCli.Run(new[] { "train", "dcgan", "--dataset", "toy:ring", "--steps", "1" }, new StringWriter(), err));
        Assert.Contains("toy-mlp", err.ToString());
    }
}
