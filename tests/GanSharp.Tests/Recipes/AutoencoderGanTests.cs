using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Tests.Training;
using GanSharp.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Recipes;

public sealed class AutoencoderGanTests
{
    private static AutoencoderOptions Tiny(string family) =>
        (AutoencoderOptions)Families.Named(family).Defaults with { Width = 8, BatchSize = 16, LatentSize = 16, CodeSize = 8 };

    [Theory]
    [InlineData(28)]
    [InlineData(64)]
    public void Autoencoder_ReconstructsToTheInputShape(int resolution)
    {
        var ae = new Autoencoder(resolution, 8, 16);
        var x = randn(3, 1, resolution, resolution);
        Assert.Equal(x.shape, ae.forward(x).shape);
        Assert.Equal(new long[] { 3, 16 }, ae.Encode(x).shape);
    }

    [Fact]
    public void Began_WithEma_SamplesFromTheAverage()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", Tiny("began") with { EmaDecay = 0.5 }, TinyRuns.Trainer(2));
        s.Train(Array.Empty<ITrainingCallback>());
        Assert.Equal(new[] { "generator", "discriminator", "generator_ema", "began_state" }, s.Recipe.State.Modules.Select(m => m.Name));
        var began = (Began)s.Recipe;
        using var z = began.Noise(4, new Generator(3));
        var sample = began.Sample(z);
        began.Generator.eval();
        using (no_grad()) Assert.False(sample.allclose(began.Generator.forward(z), 0, 0));   // the average, not G itself
    }

    [Fact]
    public void Began_EquilibriumControl_FollowsItsFormula()
    {
        using var tmp = TestSetup.Temp();
        var o = (BeganOptions)Tiny("began") with { BeganLambdaK = 0.5 };   // a large λ_k so k moves visibly
        using var s = TinyRuns.Start(tmp, "run", o, TinyRuns.Trainer(3));
        var began = (Began)s.Recipe;
        double k = 0;
        for (int i = 0; i < 3; i++)
        {
            var log = s.Recipe.Step(s.Data);
            double lx = log["d/real"], lg = log["d/fake"];
            k = Math.Clamp(k + 0.5 * (0.5 * lx - lg), 0, 1);             // k_{t+1} = clip(k_t + λ_k(γ L(x) − L(G(z))), 0, 1)
            Assert.Equal(k, log["began/k"], 6);
            Assert.Equal(k, began.K, 6);
            Assert.Equal(lx + Math.Abs(0.5 * lx - lg), log["began/m_global"], 6);
        }
    }

    [Fact]
    public void PullingAway_MatchesAHandComputedValue()
    {
        // Codes (1,0), (0,1), (1,1): cos² = 0, ½, ½ for the three pairs; both orders: 2 / (3·2) = ⅓.
        var codes = tensor(new float[] { 1, 0, 0, 1, 1, 1 }).view(3, 2);
        Assert.Equal(1.0 / 3, Ebgan.PullingAway(codes).item<float>(), 6);
        Assert.Equal(1.0, Ebgan.PullingAway(ones(4, 5)).item<float>(), 6);   // identical codes: the maximum
    }

    [Fact]
    public void Ebgan_DiscriminatorLoss_IsRealEnergyPlusHingedMargin()
    {
        using var tmp = TestSetup.Temp();
        // With a margin far above any energy, [m − D(G(z))]⁺ = m − D(G(z)) for every sample.
        using var s = TinyRuns.Start(tmp, "run", (EbganOptions)Tiny("ebgan") with { EbganMargin = 1000 }, TinyRuns.Trainer(1));
        var log = s.Recipe.Step(s.Data);
        Assert.Equal(log["d/real"] + 1000 - log["d/fake"], log["loss/d"], 2);
        Assert.InRange(log["ebgan/pt"], 0.0, 1.0);
    }

    [Theory]
    [InlineData("began")]
    [InlineData("ebgan")]
    public void Resume_IsBitIdentical(string family)
    {
        using var tmp = TestSetup.Temp();
        float[] straight;
        double kStraight = 0;
        using (var s = TinyRuns.Start(tmp, "a", Tiny(family), TinyRuns.Trainer(4, checkpointEvery: 2)))
        {
            s.Train(Array.Empty<ITrainingCallback>());
            straight = TinyRuns.Weights(s.Recipe);
            if (s.Recipe is Began b) { kStraight = b.K; Assert.InRange(kStraight, 1e-9, 1.0); }  // k_t moved, so restoring it matters
        }
        using (var s = TinyRuns.Start(tmp, "b", Tiny(family), TinyRuns.Trainer(2, checkpointEvery: 2)))
            s.Train(Array.Empty<ITrainingCallback>());
        using var resumed = TrainingSession.Resume(tmp.File("b"), _ => { }, totalSteps: 4);
        resumed.Train(Array.Empty<ITrainingCallback>());
        Assert.Equal(straight, TinyRuns.Weights(resumed.Recipe));
        if (resumed.Recipe is Began began) Assert.Equal(kStraight, began.K);
    }
}
