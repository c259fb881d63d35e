using GanSharp.Recipes;
using GanSharp.Tests.Training;
using GanSharp.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Recipes;

public sealed class EmaTests
{
    [Fact]
    public void Update_FollowsTheRecurrence()
    {
        var source = nn.Linear(1, 1, hasBias: false);
        var average = nn.Linear(1, 1, hasBias: false);
        double[] thetas = { 2.0, -1.0, 4.0, 0.5 };
        using (no_grad()) source.weight!.fill_(1.0);
        var ema = new Ema(source, average, decay: 0.9);
        double expected = 1.0;                                    // starts as a copy
        foreach (var theta in thetas)
        {
            using (no_grad()) source.weight!.fill_(theta);
            ema.Update();
            expected = 0.9 * expected + 0.1 * theta;              // θ_ema ← β θ_ema + (1 − β) θ
            Assert.Equal(expected, average.weight!.item<float>(), 5);
        }
        Assert.False(average.weight!.requires_grad);
    }

    [Fact]
    public void Update_CopiesBuffers()
    {
        var source = nn.BatchNorm1d(3);
        var average = nn.BatchNorm1d(3);
        var ema = new Ema(source, average, 0.99);
        source.forward(randn(8, 3) * 4 + 2);                      // moves the running statistics
        ema.Update();
        Assert.True(average.running_mean!.allclose(source.running_mean!, 0, 0));
    }

    [Fact]
    public void Recipe_WithEma_SamplesFromTheAverage_AndResumesBitIdentically()
    {
        using var tmp = TestSetup.Temp();
        var gan = TinyRuns.Dcgan() with { EmaDecay = 0.9 };
        float[] straight;
        using (var s = TinyRuns.Start(tmp, "a", gan, TinyRuns.Trainer(4, checkpointEvery: 2)))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            straight = TinyRuns.Weights(s.Recipe);
            Assert.Equal("generator_ema", s.Recipe.Parts[2].Name);
            using var g = new Generator(1);
            var z = s.Recipe.Noise(4, g);
            var fromAverage = s.Recipe.Sample(z);
            s.Gan().Generator.eval();
            using (no_grad()) Assert.False(fromAverage.allclose(s.Gan().Generator.forward(z), 0, 0));
        }
        using (var s = TinyRuns.Start(tmp, "b", gan, TinyRuns.Trainer(2, checkpointEvery: 2)))
            s.Train(Array.Empty<ITrainingCallback>());
        using var resumed = TrainingSession.Resume(tmp.File("b"), _ => { }, totalSteps: 4);
        resumed.Train(Array.Empty<ITrainingCallback>());
        Assert.Equal(straight, TinyRuns.Weights(resumed.Recipe));
    }
}
