using GanSharp.Losses;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Losses;

public sealed class PenaltiesTests
{
    /// <summary>A linear critic D(x) = w·vec(x) + b: its input gradient is w everywhere.</summary>
    private static (Func<Tensor, Tensor> D, Tensor W) Linear(double[] w)
    {
        var weight = tensor(w, dtype: ScalarType.Float64).requires_grad_(true);
        return (x => x.reshape(x.shape[0], -1).matmul(weight) + 0.3, weight);
    }

    private static readonly double[] W = { 0.6, -1.2, 0.4, 2.0 };
    private static double Norm => Math.Sqrt(W.Sum(v => v * v));
    private static Tensor Batch(int seed) => randn(new long[] { 5, 1, 2, 2 }, dtype: ScalarType.Float64, generator: new Generator((ulong)seed));

    [Fact]
    public void GradientPenalty_OfALinearCritic_IsLambdaTimesNormMinusOneSquared()
    {
        var (d, _) = Linear(W);
        using var g = new Generator(3);
        double gp = Penalties.GradientPenalty(d, Batch(1), Batch(2), g, lambda: 10).item<double>();
        Assert.Equal(10 * Math.Pow(Norm - 1, 2), gp, 10);
    }

    [Fact]
    public void GradientPenalty_TrainsTheCritic_ItsGradientIsTheClosedForm()
    {
        var (d, w) = Linear(W);
        using var g = new Generator(3);
        Penalties.GradientPenalty(d, Batch(1), Batch(2), g, lambda: 10).backward();
        // d/dw 10 (‖w‖ − 1)² = 20 (‖w‖ − 1) w / ‖w‖
        var expected = W.Select(v => 20 * (Norm - 1) * v / Norm).ToArray();
        var actual = w.grad!.data<double>().ToArray();
        for (int i = 0; i < W.Length; i++) Assert.Equal(expected[i], actual[i], 10);
    }

    [Fact]
    public void R1AndR2_OfALinearCritic_AreHalfGammaTimesNormSquared()
    {
        var (d, _) = Linear(W);
        Assert.Equal(5 * Norm * Norm, Penalties.R1(d, Batch(1), gamma: 10).item<double>(), 10);
        Assert.Equal(0.5 * Norm * Norm, Penalties.R2(d, Batch(2), gamma: 1).item<double>(), 10);
    }

    [Fact]
    public void Dragan_OfALinearCritic_IsLambdaTimesNormMinusOneSquared()
    {
        var (d, _) = Linear(W);
        using var g = new Generator(4);
        Assert.Equal(2 * Math.Pow(Norm - 1, 2), Penalties.Dragan(d, Batch(1), g, lambda: 2).item<double>(), 10);
    }

    [Fact]
    public void GradientNorms_OfAQuadraticCritic_MatchTheAnalyticGradient()
    {
        // D(x) = Σ x², ∇ = 2x, so the norm per sample is 2‖x‖.
        var x = Batch(7);
        var norms = Penalties.GradientNorms(v => v.square().reshape(v.shape[0], -1).sum(1), x.requires_grad_(true)).data<double>().ToArray();
        var expected = x.detach().reshape(5, -1).norm(1).mul(2).data<double>().ToArray();
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i], norms[i], 10);
    }

    [Fact]
    public void ClipWeights_ClampsEveryParameter()
    {
        var critic = nn.Linear(4, 3);
        using (no_grad()) foreach (var p in critic.parameters()) p.mul_(100);
        Penalties.ClipWeights(critic, 0.01);
        foreach (var p in critic.parameters())
        {
            Assert.InRange(p.max().item<float>(), -0.01f, 0.01f);
            Assert.InRange(p.min().item<float>(), -0.01f, 0.01f);
        }
        Assert.Equal(0.01f, critic.parameters().Max(p => p.abs().max().item<float>()), 6);
    }
}
