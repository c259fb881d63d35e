using GanSharp.Lab;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Lab;

public sealed class SaturationDemoTests
{
    [Fact]
    public void Gradients_MatchTheClosedFormsOfALinearDiscriminator()
    {
        // D(x) = σ(w x + b), G(z) = s z + μ: ∂a/∂μ = w, ∂a/∂s = w z. Minimax: ∂L/∂a_i = −σ(a_i)/N;
        // non-saturating: ∂L/∂a_i = −(1 − σ(a_i))/N.
        double w = -1.7, b = 0.4, mu = 1.5, scale = 0.8;
        var d = nn.Linear(1, 1);
        using (no_grad()) { d.weight!.fill_(w); d.bias!.fill_(b); }
        var zs = new[] { -1.2, 0.3, 0.9, 2.0 };
        var z = tensor(zs.Select(v => (float)v).ToArray()).view(-1, 1);
        var (meanD, minimax, nonSaturating) = SaturationDemo.Gradients(d, z, mu, scale);
        double Sigmoid(double a) => 1 / (1 + Math.Exp(-a));
        double[] sig = zs.Select(v => Sigmoid(w * (scale * v + mu) + b)).ToArray();
        double mmMu = -w * sig.Average(), mmS = -w * sig.Zip(zs, (p, v) => p * v).Average();
        double nsMu = -w * sig.Average(p => 1 - p), nsS = -w * sig.Zip(zs, (p, v) => (1 - p) * v).Average();
        Assert.Equal(sig.Average(), meanD, 5);
        Assert.Equal(Math.Sqrt(mmMu * mmMu + mmS * mmS), minimax, 5);
        Assert.Equal(Math.Sqrt(nsMu * nsMu + nsS * nsS), nonSaturating, 5);
    }

    [Fact]
    public void AsDGrowsConfident_TheMinimaxGradientVanishes_TheNonSaturatingOneDoesNot()
    {
        var points = SaturationDemo.Run(steps: 400);
        var last = points[^1];
        Assert.True(last.MeanDOfFake < 0.01, $"D(G(z)) = {last.MeanDOfFake}");
        Assert.True(last.MinimaxGradient < points.Max(p => p.MinimaxGradient) / 3, "the minimax gradient should fall from its peak");
        Assert.True(last.MinimaxGradient < 0.01 * last.NonSaturatingGradient, $"{last.MinimaxGradient} vs {last.NonSaturatingGradient}");
        Assert.True(last.NonSaturatingGradient > points[50].NonSaturatingGradient);
    }
}
