using GanSharp.Losses;
using GanSharp.Tests.Training;
using GanSharp.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Losses;

public sealed class StabiliserTests
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void OneSidedLabelSmoothing_MatchesCrossEntropyWithTarget09_AndLeavesFakesAtZero()
    {
        var o = Objective.NonSaturating.WithRealTarget(0.9);
        double r = 2.0, f = -1.0;
        double expected = -(0.9 * Math.Log(Sigmoid(r)) + 0.1 * Math.Log(1 - Sigmoid(r))) - Math.Log(1 - Sigmoid(f));
        Assert.Equal(expected, o.D(tensor(new[] { r }), tensor(new[] { f })).item<double>(), 12);
        Assert.Same(Objective.NonSaturating, Objective.NonSaturating.WithRealTarget(1.0));
        Assert.Throws<GanSharpException>(() => Objective.Wasserstein.WithRealTarget(0.9));
    }

    [Fact]
    public void HistoricalAverage_IsTheMeanOfPastParameters_AndThePenaltyItsSquaredDistance()
    {
        var net = nn.Linear(1, 1, hasBias: false);
        var history = new HistoricalAverage(net);
        Assert.Equal(0.0, history.Penalty(net, 1.0).item<float>());   // no history yet
        double[] thetas = { 1.0, 3.0, 8.0 };
        foreach (var theta in thetas)
        {
            using (no_grad()) net.weight!.fill_(theta);
            history.Update(net);
        }
        using (no_grad()) net.weight!.fill_(10.0);
        // θ̄ = (1 + 3 + 8) / 3 = 4, so λ (10 − 4)² = 2 · 36.
        Assert.Equal(72.0, history.Penalty(net, 2.0).item<float>(), 4);
        Assert.Equal(3, history.Count);
        Assert.Contains("count", history.state_dict().Keys);
    }

    [Fact]
    public void InstanceNoise_AnnealsLinearlyToZero_AndCountsSteps()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "a", TinyRuns.Dcgan() with { InstanceNoise = 0.5, InstanceNoiseSteps = 4 }, TinyRuns.Trainer(5));
        var sigmas = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            sigmas.Add(s.Gan().InstanceNoiseSigma);
            s.Recipe.Step(s.Data);
        }
        Assert.Equal(new[] { 0.5, 0.375, 0.25, 0.125, 0.0 }, sigmas);
        Assert.Equal(5, s.Recipe.StepsDone);
    }

    [Fact]
    public void Stabilisers_Combined_TrainAndResumeBitIdentically()
    {
        using var tmp = TestSetup.Temp();
        var gan = TinyRuns.Dcgan() with { RealLabel = 0.9, InstanceNoise = 0.3, InstanceNoiseSteps = 3, HistoricalAveraging = 0.01, MinibatchStdDev = true, EmaDecay = 0.99 };
        float[] straight;
        using (var s = TinyRuns.Start(tmp, "a", gan, TinyRuns.Trainer(4, checkpointEvery: 2)))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            straight = TinyRuns.Weights(s.Recipe);
        }
        using (var s = TinyRuns.Start(tmp, "b", gan, TinyRuns.Trainer(2, checkpointEvery: 2)))
            s.Train(Array.Empty<ITrainingCallback>());
        using var resumed = TrainingSession.Resume(tmp.File("b"), _ => { }, totalSteps: 4);
        Assert.Equal(2, resumed.Recipe.StepsDone);
        resumed.Train(Array.Empty<ITrainingCallback>());
        Assert.Equal(straight, TinyRuns.Weights(resumed.Recipe));
    }

    [Fact]
    public void HistoricalAveraging_StaysInDsLoss_WhenAPenaltyIsAdded()
    {
        // A penalty of weight 0 adds nothing, so D must train exactly as without it — history term included.
        using var tmp = TestSetup.Temp();
        var gan = GanSharp.Recipes.Families.DefaultsOf<GanSharp.Recipes.ToyOptions>("toy") with { Width = 8, BatchSize = 16, HistoricalAveraging = 0.5 };
        TrainerOptions Trainer() => new() { Steps = 3, Seed = 2, Dataset = "toy:ring", LogEvery = 1, SampleEvery = 1000, CheckpointEvery = 1000 };
        float[] plain, withZeroPenalty;
        using (var s = TrainingSession.Create(gan, Trainer(), new RunDirectory(tmp.File("a")), _ => { }))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            plain = TinyRuns.Weights(s.Recipe);
        }
        using (var s = TrainingSession.Create(gan with { Penalty = "r1", PenaltyWeight = 0 }, Trainer(), new RunDirectory(tmp.File("b")), _ => { }))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            withZeroPenalty = TinyRuns.Weights(s.Recipe);
        }
        Assert.Equal(plain, withZeroPenalty);
    }
}
