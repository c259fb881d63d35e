using GanSharp.Losses;
using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Tests.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Recipes;

public sealed class UnrollingTests
{
    private static readonly GanOptions O = Families.DefaultsOf<GanSharp.Recipes.GanOptions>("vanilla") with { Width = 16, UnrolledSteps = 1 };

    private static (VanillaDiscriminator D, TorchSharp.Modules.Adam Opt, Tensor Real, Tensor Fake) Setup()
    {
        manual_seed(8);
        var d = new VanillaDiscriminator(16);
        var opt = optim.Adam(d.parameters(), O.LrD, O.Beta1, O.Beta2);
        return (d, opt, randn(6, 1, 28, 28), randn(6, 1, 28, 28).requires_grad_(true));
    }

    [Fact]
    public void ForwardWith_ItsOwnParameters_EqualsForward()
    {
        var (d, _, real, _) = Setup();
        Assert.True(d.ForwardWith(d.parameters().Select(p => (Tensor)p).ToList(), real).allclose(d.forward(real), 0, 0));
    }

    [Fact]
    public void ZeroSteps_IsThePlainGeneratorLoss_ValueAndGradient()
    {
        var (d, opt, real, fake) = Setup();
        var unrolled = Unrolling.GeneratorLoss(d, opt, O, Objective.NonSaturating, real, fake, 0);
        var gradUnrolled = autograd.grad(new[] { unrolled }, new[] { fake })[0];
        var plain = Objective.NonSaturating.G(d.forward(fake));
        var gradPlain = autograd.grad(new[] { plain }, new[] { fake })[0];
        Assert.Equal(plain.item<float>(), unrolled.item<float>());
        Assert.True(gradUnrolled.allclose(gradPlain, 0, 0));
    }

    [Fact]
    public void OneStep_UsesDAfterOneAdamStep_AndLeavesTheRealDUnchanged()
    {
        var (d, opt, real, fake) = Setup();
        var before = d.parameters().Select(p => p.clone()).ToList();
        var unrolled = Unrolling.GeneratorLoss(d, opt, O, Objective.NonSaturating, real, fake, 1).item<float>();

        // By hand: Adam's first step from zero moments, θ1 = θ0 − lr · m̂ / (√v̂ + ε) with m̂ = g, v̂ = g².
        var theta = d.parameters().Select(p => (Tensor)p).ToList();
        var g = autograd.grad(new[] { Objective.NonSaturating.D(d.forward(real), d.forward(fake.detach())) }, theta);
        var theta1 = theta.Zip(g, (t, gi) => (t - O.LrD * gi / (gi.square().sqrt() + 1e-8)).detach()).ToList();
        float expected = Objective.NonSaturating.G(d.ForwardWith(theta1, fake)).item<float>();
        Assert.Equal(expected, unrolled, 5);
        Assert.All(d.parameters().Zip(before), pair => Assert.True(pair.First.allclose(pair.Second, 0, 0)));
    }

    [Fact]
    public void Gradient_ThroughTheUnrolledSteps_DiffersFromThePlainOne()
    {
        var (d, opt, real, fake) = Setup();
        var g0 = autograd.grad(new[] { Unrolling.GeneratorLoss(d, opt, O, Objective.NonSaturating, real, fake, 0) }, new[] { fake })[0];
        var g5 = autograd.grad(new[] { Unrolling.GeneratorLoss(d, opt, O, Objective.NonSaturating, real, fake, 5) }, new[] { fake })[0];
        Assert.False(g0.allclose(g5, rtol: 1e-6, atol: 1e-9));
        Assert.True(g5.isfinite().all().item<bool>());
    }

    [Fact]
    public void Recipe_WithUnrolledSteps_Trains_AndRejectsConvolutionalNetworks()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "run", O with { BatchSize = 16, UnrolledSteps = 3 }, TinyRuns.Trainer(2));
        Assert.Null(s.Recipe.Step(s.Data).FirstNonFinite());
        var e = Assert.Throws<GanSharpException>(() => (Families.DefaultsOf<GanSharp.Recipes.GanOptions>("dcgan") with { UnrolledSteps = 2 }).Validated());
        Assert.Contains("mlp", e.Message);
    }
}
