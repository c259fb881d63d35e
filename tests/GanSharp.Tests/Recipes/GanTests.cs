using GanSharp.Tests.Training;
using Xunit;

namespace GanSharp.Tests.Recipes;

public sealed class GanTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Step_TakesKDiscriminatorSteps_EachOnAFreshRealBatch(int k)
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan(dSteps: k), TinyRuns.Trainer(2));
        var dBefore = s.Gan().Discriminator.parameters().Select(p => p.clone()).ToList();
        var gBefore = s.Gan().Generator.parameters().First().clone();
        s.Recipe.Step(s.Data);
        Assert.Equal(k, s.Data.BatchInEpoch);                      // k real batches consumed
        Assert.Equal(k * 16, s.Recipe.ImagesPerStep);
        Assert.Contains(s.Gan().Discriminator.parameters().Zip(dBefore), pair => !pair.First.allclose(pair.Second, 0, 0));
        Assert.False(s.Gan().Generator.parameters().First().allclose(gBefore, 0, 0));
    }

    [Fact]
    public void Step_WithKSteps_AdvancesDiscriminatorOptimiserKTimes()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan(dSteps: 3), TinyRuns.Trainer(2));
        s.Recipe.Step(s.Data);
        s.Recipe.Step(s.Data);
        // Adam keeps a step count per parameter: 2 generator steps, 2·3 discriminator steps.
        Assert.Equal(6, AdamSteps(s.Recipe.State.OptimizerNamed("discriminator").Optimizer));
        Assert.Equal(2, AdamSteps(s.Recipe.State.OptimizerNamed("generator").Optimizer));
    }

    internal static long AdamSteps(TorchSharp.Modules.OptimizerHelper? optimizer)
    {
        var state = optimizer!.state_dict().State.OfType<TorchSharp.Modules.Adam.State>().First();
        return state.step;
    }

    [Fact]
    public void SameSeed_GivesTheSameWeights_DifferentSeed_DifferentOnes()
    {
        float[] Train(long seed, string name)
        {
            using var tmp = TestSetup.Temp();
            using var s = TinyRuns.Start(tmp, name, TinyRuns.Dcgan(), TinyRuns.Trainer(3, seed: seed));
            s.Train(Array.Empty<GanSharp.Training.ITrainingCallback>());
            return TinyRuns.Weights(s.Recipe);
        }
        var a = Train(5, "a");
        Assert.Equal(a, Train(5, "b"));
        Assert.NotEqual(a, Train(6, "c"));
    }
}

public sealed class FeatureMatchingTests
{
    [Fact]
    public void Loss_IsTheSquaredDistanceOfMeanFeatures_ByExplicitSums()
    {
        var fx = TorchSharp.torch.randn(4, 3, 2, 2);
        var fy = TorchSharp.torch.randn(4, 3, 2, 2);
        var x = fx.reshape(4, -1);
        var y = fy.reshape(4, -1);
        double expected = 0;
        for (int k = 0; k < 12; k++)
        {
            double mx = Enumerable.Range(0, 4).Average(i => (double)x[i, k].item<float>());
            double my = Enumerable.Range(0, 4).Average(i => (double)y[i, k].item<float>());
            expected += (mx - my) * (mx - my);
        }
        Assert.Equal(expected, GanSharp.Losses.FeatureMatching.Loss(fx, fy).item<float>(), 4);
        Assert.Equal(0.0, GanSharp.Losses.FeatureMatching.Loss(fx, fx).item<float>(), 9);
    }

    [Fact]
    public void Recipe_WithFeatureMatching_ReportsThatLossForG_AndTrainsG()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", TinyRuns.Dcgan() with { FeatureMatching = true }, TinyRuns.Trainer(1));
        var before = s.Gan().Generator.parameters().First().clone();
        var log = s.Recipe.Step(s.Data);
        Assert.InRange(log["loss/g"], 1e-9, 1e6);
        Assert.False(s.Gan().Generator.parameters().First().allclose(before, 0, 0));
    }
}
