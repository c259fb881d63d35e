using GanSharp.Losses;
using TorchSharp;
using Xunit;

namespace GanSharp.Tests.Losses;

public sealed class ObjectiveTests
{
    private static double Value(Func<torch.Tensor, torch.Tensor, torch.Tensor> f, double[] real, double[] fake) =>
        f(torch.tensor(real), torch.tensor(fake)).item<double>();

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void Minimax_DLoss_AtZeroLogits_IsTwoLn2()
    {
        // D = ½ everywhere: −log ½ − log(1 − ½) = 2 ln 2 (the value at the optimum of 003 with p_g = p_r).
        Assert.Equal(2 * Math.Log(2), Value(Objective.Minimax.D, new[] { 0.0, 0.0 }, new[] { 0.0 }), 12);
    }

    [Fact]
    public void Minimax_DLoss_MatchesBinaryCrossEntropyByHand()
    {
        double[] real = { 2.0, -0.5 }, fake = { -1.0, 3.0 };
        double expected = -(Math.Log(Sigmoid(2.0)) + Math.Log(Sigmoid(-0.5))) / 2
                          - (Math.Log(1 - Sigmoid(-1.0)) + Math.Log(1 - Sigmoid(3.0))) / 2;
        Assert.Equal(expected, Value(Objective.Minimax.D, real, fake), 12);
        Assert.Equal(expected, Value(Objective.NonSaturating.D, real, fake), 12); // same D loss
    }

    [Fact]
    public void GeneratorLosses_MatchTheirFormulas()
    {
        double[] fake = { -2.0, 0.5 };
        double saturating = (Math.Log(1 - Sigmoid(-2.0)) + Math.Log(1 - Sigmoid(0.5))) / 2;
        double nonSaturating = -(Math.Log(Sigmoid(-2.0)) + Math.Log(Sigmoid(0.5))) / 2;
        Assert.Equal(saturating, Objective.Minimax.G(torch.tensor(fake)).item<double>(), 12);
        Assert.Equal(nonSaturating, Objective.NonSaturating.G(torch.tensor(fake)).item<double>(), 12);
    }

    [Fact]
    public void Losses_AreFiniteForConfidentLogits()
    {
        var huge = torch.tensor(new[] { 200.0, -200.0 }, dtype: torch.float32);
        Assert.True(double.IsFinite(Objective.Minimax.D(huge, huge).item<float>()));
        Assert.True(double.IsFinite(Objective.Minimax.G(huge).item<float>()));
        Assert.True(double.IsFinite(Objective.NonSaturating.G(huge).item<float>()));
    }

    [Fact]
    public void Saturation_WhenDRejectsFakes_MinimaxGradientVanishes_NonSaturatingDoesNot()
    {
        // At logit −10 (D(G(z)) ≈ 4.5e-5): d/df log(1 − σ(f)) = −σ(f); d/df −log σ(f) = −(1 − σ(f)).
        double Grad(Objective o)
        {
            var f = torch.tensor(new[] { -10.0 }).requires_grad_(true);
            o.G(f).backward();
            return f.grad!.item<double>();
        }
        Assert.Equal(-Sigmoid(-10), Grad(Objective.Minimax), 12);
        Assert.Equal(-(1 - Sigmoid(-10)), Grad(Objective.NonSaturating), 12);
    }

    [Fact]
    public void Named_UnknownLoss_ListsValidOnes()
    {
        var e = Assert.Throws<GanSharpException>(() => Objective.Named("wasserstein-ish"));
        Assert.Contains("non-saturating, minimax", e.Message);
    }
}

public sealed class OtherObjectiveTests
{
    private static double D(Objective o, double[] real, double[] fake) => o.D(TorchSharp.torch.tensor(real), TorchSharp.torch.tensor(fake)).item<double>();
    private static double G(Objective o, double[] fake) => o.G(TorchSharp.torch.tensor(fake)).item<double>();

    [Fact]
    public void LeastSquares_MatchesTheFormulaByHand()
    {
        // ½ mean((D(x) − 1)²) + ½ mean((D(G(z)) − 0)²), G: ½ mean((D(G(z)) − 1)²).
        double[] real = { 0.5, 2.0 }, fake = { -1.0, 0.25 };
        double expectedD = 0.5 * (0.25 + 1.0) / 2 + 0.5 * (1.0 + 0.0625) / 2;
        Assert.Equal(expectedD, D(Objective.LeastSquares(), real, fake), 12);
        Assert.Equal(0.5 * (4.0 + 0.5625) / 2, G(Objective.LeastSquares(), fake), 12);
        // The χ² coding of the paper: a = −1, b = 1, c = 0.
        Assert.Equal(0.5 * (1.0 + 1.5625) / 2, G(Objective.LeastSquares(-1, 1, 0), new[] { -1.0, 1.25 }), 12);
    }

    [Fact]
    public void Wasserstein_IsTheDifferenceOfMeans()
    {
        Assert.Equal(1.0 - 2.0, D(Objective.Wasserstein, new[] { 1.0, 3.0 }, new[] { 0.0, 2.0 }), 12);
        Assert.Equal(-1.0, G(Objective.Wasserstein, new[] { 0.0, 2.0 }), 12);
    }

    [Fact]
    public void Hinge_MatchesTheFormulaByHand()
    {
        // real: relu(1 − 0.5) = 0.5, relu(1 − 2) = 0 → 0.25; fake: relu(1 − 2) = 0, relu(1 + 0.5) = 1.5 → 0.75.
        Assert.Equal(1.0, D(Objective.Hinge, new[] { 0.5, 2.0 }, new[] { -2.0, 0.5 }), 12);
        Assert.Equal(0.75, G(Objective.Hinge, new[] { -2.0, 0.5 }), 12);
    }

    [Fact]
    public void Minimax_AtTheOptimalDiscriminator_IsMinusTwoLog2PlusTwoJs()
    {
        // Discrete p_r, p_g on four points; D* = p_r / (p_r + p_g), i.e. logit log(p_r / p_g) (003).
        double[] pr = { 0.5, 0.25, 0.125, 0.125 }, pg = { 0.125, 0.125, 0.25, 0.5 };
        // Expectations as batch means: each point repeated in proportion to its probability (out of 8).
        var real = pr.SelectMany((p, i) => Enumerable.Repeat(Math.Log(pr[i] / pg[i]), (int)(p * 8))).ToArray();
        var fake = pg.SelectMany((p, i) => Enumerable.Repeat(Math.Log(pr[i] / pg[i]), (int)(p * 8))).ToArray();
        double value = -D(Objective.Minimax, real, fake);   // V(D*, G) = E log D* + E log(1 − D*)
        double Kl(double[] p, double[] q) => p.Zip(q).Sum(t => t.First * Math.Log(t.First / t.Second));
        var m = pr.Zip(pg).Select(t => (t.First + t.Second) / 2).ToArray();
        double js = 0.5 * Kl(pr, m) + 0.5 * Kl(pg, m);
        Assert.Equal(-2 * Math.Log(2) + 2 * js, value, 12);
    }

    [Fact]
    public void Probabilistic_OnlyForTheBceObjectives()
    {
        Assert.True(Objective.Minimax.Probabilistic && Objective.NonSaturating.Probabilistic);
        Assert.False(Objective.LeastSquares().Probabilistic || Objective.Wasserstein.Probabilistic || Objective.Hinge.Probabilistic);
        Assert.Equal(0.5, Objective.Minimax.Report(TorchSharp.torch.zeros(3)).item<float>(), 6);
        Assert.Equal(2.0, Objective.Wasserstein.Report(TorchSharp.torch.tensor(new[] { 1f, 3f })).item<float>(), 6);
    }
}
