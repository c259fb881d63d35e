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
            ema.Update(0);
            expected = 0.9 * expected + 0.1 * theta;              // θ_ema ← β θ_ema + (1 − β) θ
            Assert.Equal(expected, average.weight!.item<float>(), 5);
        }
        Assert.False(average.weight!.requires_grad);
    }

    [Fact]
    public void BeforeItsStart_TheAverageFollowsG_ThenAverages()
    {
        var source = nn.Linear(1, 1, hasBias: false);
        var average = nn.Linear(1, 1, hasBias: false);
        var ema = new Ema(source, average, decay: 0.9, start: 2);
        double[] thetas = { 5.0, -3.0, 4.0 };
        for (int step = 0; step < thetas.Length; step++)
        {
            using (no_grad()) source.weight!.fill_(thetas[step]);
            ema.Update(step);
        }
        Assert.Equal(0.9 * -3.0 + 0.1 * 4.0, average.weight!.item<float>(), 5);   // steps 0 and 1 copied G; step 2 averaged
    }

    [Fact]
    public void Rampup_CapsTheHalfLifeByAShareOfTheStepsTaken()
    {
        var source = nn.Linear(1, 1, hasBias: false);
        var average = nn.Linear(1, 1, hasBias: false);
        var ema = new Ema(source, average, decay: 0.999, rampup: 0.05);
        Assert.Equal(0, ema.DecayAt(0));                                          // no steps yet: a copy
        Assert.Equal(Math.Pow(0.5, 1 / 5.0), ema.DecayAt(100), 12);               // half-life 0.05 · 100 = 5 steps
        Assert.Equal(0.999, ema.DecayAt(13_857), 12);                             // half-life of 0.999: ln ½ / ln 0.999 = 692.8 steps = 0.05 · 13,856
        Assert.True(ema.DecayAt(13_855) < 0.999);
        using (no_grad()) { source.weight!.fill_(1); average.weight!.fill_(0); }
        ema.Update(100);
        Assert.Equal(1 - Math.Pow(0.5, 0.2), average.weight!.item<float>(), 5);  // 0.87055 · 0 + 0.12945 · 1
        var delayed = new Ema(source, average, decay: 0.999, start: 50, rampup: 0.05);
        Assert.Equal(Math.Pow(0.5, 1 / 2.5), delayed.DecayAt(100), 12);          // the ramp counts from the start
        Assert.Contains("--ema-rampup", Assert.Throws<GanSharpException>(() => (Families.DefaultsOf<GanOptions>("dcgan") with { EmaRampup = double.NaN }).Validate()).Message);
    }

    [Fact]
    public void Update_CopiesBuffers()
    {
        var source = nn.BatchNorm1d(3);
        var average = nn.BatchNorm1d(3);
        var ema = new Ema(source, average, 0.99);
        source.forward(randn(8, 3) * 4 + 2);                      // moves the running statistics
        ema.Update(0);
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
            Assert.Equal("generator_ema", s.Recipe.State.Modules[2].Name);
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

    [Fact]
    public void RefreshBatchStatistics_MeasuresTheAveragesOwnActivations()
    {
        var source = nn.Sequential(nn.Linear(2, 3, hasBias: false), nn.BatchNorm1d(3));
        var average = nn.Sequential(nn.Linear(2, 3, hasBias: false), nn.BatchNorm1d(3));
        var ema = new Ema(source, average, decay: 0.5);
        using (no_grad()) ((TorchSharp.Modules.Linear)source[0]).weight!.copy_(tensor(new float[,] { { 1, 2 }, { -3, 0.5f }, { 0, 4 } }));
        ema.Update(0);                                              // the average's weights now differ from G's
        Tensor Noise(long n, Generator g) => randn(n, 2, generator: g) * 2 + 1;
        ema.RefreshBatchStatistics(Noise, batches: 3, batchSize: 50);

        // Independent truth: the same noise through the averaged linear layer, per-batch mean and
        // unbiased variance, averaged over the batches (PyTorch's cumulative running statistics).
        var w = ((TorchSharp.Modules.Linear)average[0]).weight!.detach().to_type(ScalarType.Float64);
        using var stream = new Generator(Ema.StatisticsSeed);
        var means = new List<Tensor>();
        var variances = new List<Tensor>();
        for (int i = 0; i < 3; i++)
        {
            var h = Noise(50, stream).to_type(ScalarType.Float64).matmul(w.t());
            means.Add(h.mean(new long[] { 0 }));
            variances.Add(h.var(0, unbiased: true));
        }
        var bn = (TorchSharp.Modules.BatchNorm1d)average[1];
        Assert.True(bn.running_mean!.to_type(ScalarType.Float64).allclose(stack(means).mean(new long[] { 0 }), 1e-4, 1e-5));
        Assert.True(bn.running_var!.to_type(ScalarType.Float64).allclose(stack(variances).mean(new long[] { 0 }), 1e-4, 1e-5));
        Assert.Equal(0.1, bn.momentum!.Value, 9);                  // the layer's own momentum is back
        Assert.False(average.training);

        // Not stale any more: a second refresh (with other noise) changes nothing until the next update.
        var before = bn.running_mean!.clone();
        ema.RefreshBatchStatistics((n, g) => randn(n, 2, generator: g) * 100, batches: 3, batchSize: 50);
        Assert.True(bn.running_mean!.allclose(before, 0, 0));
        ema.Update(0);
        ema.RefreshBatchStatistics((n, g) => randn(n, 2, generator: g) * 100, batches: 3, batchSize: 50);
        Assert.False(bn.running_mean!.allclose(before, 1e-2, 1e-2));
    }
}
