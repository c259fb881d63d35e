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
