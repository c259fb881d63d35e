using GanSharp.Runtime;
using GanSharp.Training;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GanSharp.Tests.Training;

public sealed class LearningTests(ITestOutputHelper output)
{
    /// <summary>
    /// Distance between the per-pixel mean and std images of generated samples and of the data:
    /// an untrained DCGAN outputs near-zero grey, Fashion-MNIST is mostly black (−1) background.
    /// </summary>
    private static double MomentDistance(Tensor fake, Tensor real)
    {
        using var scope = NewDisposeScope();
        var mean = (fake.mean(new long[] { 0 }) - real.mean(new long[] { 0 })).square().mean().sqrt().item<float>();
        var std = (fake.std(0) - real.std(0)).square().mean().sqrt().item<float>();
        return mean + std;
    }

    [Fact]
    public void ShortDcganRun_MovesSamplesTowardsTheData()
    {
        using var tmp = TestSetup.Temp();
        var gan = TinyRuns.Dcgan() with { Width = 16, BatchSize = 32 };
        using var s = TinyRuns.Start(tmp, "run", gan, TinyRuns.Trainer(300));
        using var real = s.Dataset!.Images.narrow(0, 0, 2000);
        using var g = Seeding.Generator(99, "eval");
        using var z = s.Recipe.Noise(500, g);
        double before;
        using (var fake = s.Recipe.Sample(z)) before = MomentDistance(fake, real);
        s.Train(Array.Empty<ITrainingCallback>());
        double after;
        using (var fake = s.Recipe.Sample(z)) after = MomentDistance(fake, real);
        output.WriteLine($"moment distance before {before:F3}, after {after:F3}");
        Assert.InRange(before, 0.5, 2.0);          // untrained: far from the data
        Assert.InRange(after, 0.0, before * 0.5);  // trained: at least twice as close
    }
}
