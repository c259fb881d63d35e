using GanSharp.Layers;
using GanSharp.Losses;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Layers;

public sealed class ConditioningAugmentationTests
{
    [Fact]
    public void Kl_ForKnownMuAndSigma_IsTheClosedFormAveragedOverDimensions()
    {
        double[] mu = { 0, 1, -0.5, 2 }, sigma = { 1, 1, 2, 0.5 };
        // ½(μ² + σ² − 1 − ln σ²) for each dimension, by hand: 0, 0.5, 0.125 + 1.5 − ln 2, 2 + 0.125 − 0.5 + ln 2
        double[] byHand = { 0, 0.5, 0.5 * (0.25 + 4 - 1 - Math.Log(4)), 0.5 * (4 + 0.25 - 1 - Math.Log(0.25)) };
        var kl = ConditioningAugmentation.Kl(tensor(mu, float64).view(2, 2), tensor(sigma, float64).log().mul(2).view(2, 2)).item<double>();
        Assert.Equal(byHand.Average(), kl, 12);
        Assert.Equal(0, ConditioningAugmentation.Kl(zeros(3, 5, float64), zeros(3, 5, float64)).item<double>(), 15);   // N(0, 1) itself
    }

    [Fact]
    public void Sample_IsMuPlusSigmaTimesTheNoise_AndMuWithoutNoise()
    {
        using var ca = new ConditioningAugmentation(6, 4);
        var phi = randn(3, 6);
        var both = ca.forward(phi);
        var (mean, _, _) = ca.Sample(phi, null);
        Assert.True(mean.allclose(both.narrow(1, 0, 4)));
        using var g1 = new Generator(7);
        using var g2 = new Generator(7);
        var (c, mu, logVar) = ca.Sample(phi, g1);
        var epsilon = randn(new long[] { 3, 4 }, generator: g2);
        Assert.True(c.allclose(mu + logVar.mul(0.5).exp() * epsilon, atol: 1e-6));
        Assert.True(logVar.allclose(both.narrow(1, 4, 4)));
        Assert.False(c.allclose(mu, atol: 1e-3));
    }

    [Fact]
    public void MatchingAwareD_IsRealPlusHalfOfWrongAndFake_OnHandMadeLogits()
    {
        static double Softplus(double x) => Math.Log(1 + Math.Exp(x));
        double[] real = { 2, -1 }, wrong = { 0, 1 }, fake = { -3, 0.5 };
        // non-saturating D: real term −log σ(r) = softplus(−r), fake term −log(1 − σ(f)) = softplus(f)
        double byHand = real.Average(r => Softplus(-r)) + 0.5 * (wrong.Average(Softplus) + fake.Average(Softplus));
        var loss = MatchingAware.D(Objective.NonSaturating, tensor(real, float64), tensor(wrong, float64), tensor(fake, float64)).item<double>();
        Assert.Equal(byHand, loss, 12);
        Assert.Equal(1.477363, loss, 5);
        // hinge: relu(1 − r) + ½(relu(1 + w) + relu(1 + f)), means over the batch
        double hinge = real.Average(r => Math.Max(0, 1 - r)) + 0.5 * (wrong.Average(w => Math.Max(0, 1 + w)) + fake.Average(f => Math.Max(0, 1 + f)));
        Assert.Equal(hinge, MatchingAware.D(Objective.Hinge, tensor(real, float64), tensor(wrong, float64), tensor(fake, float64)).item<double>(), 12);
    }
}
