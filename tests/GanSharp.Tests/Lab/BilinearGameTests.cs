using GanSharp.Lab;
using Xunit;

namespace GanSharp.Tests.Lab;

public sealed class BilinearGameTests
{
    [Fact]
    public void SimultaneousSteps_SpiralOutwards_ByExactlySqrtOnePlusEtaSquaredPerStep()
    {
        const double eta = 0.1;
        var d = BilinearGame.DistanceToEquilibrium(BilinearGame.Trajectory(BilinearGame.Method.Simultaneous, 1, 0.5, eta, 100));
        for (int t = 0; t <= 100; t++)
            Assert.Equal(d[0] * Math.Pow(Math.Sqrt(1 + eta * eta), t), d[t], 9);
    }

    [Fact]
    public void AlternatingSteps_StayBounded()
    {
        var d = BilinearGame.DistanceToEquilibrium(BilinearGame.Trajectory(BilinearGame.Method.Alternating, 1, 0.5, 0.1, 10_000));
        Assert.InRange(d.Max(), d[0], 1.2 * d[0]);       // the orbit is a fixed ellipse around (0, 0)
        Assert.InRange(d.Min(), 0.8 * d[0], d[0]);
    }

    [Fact]
    public void Extragradient_Converges_AndAdamDoesNotSettle()
    {
        var extra = BilinearGame.DistanceToEquilibrium(BilinearGame.Trajectory(BilinearGame.Method.Extragradient, 1, 0.5, 0.1, 2000));
        Assert.InRange(extra[^1], 0, 1e-3 * extra[0]);
        var adam = BilinearGame.DistanceToEquilibrium(BilinearGame.Trajectory(BilinearGame.Method.SimultaneousAdam, 1, 0.5, 0.01, 2000));
        Assert.InRange(adam.Skip(1000).Min(), 0.01, 10);  // still circling, never at the equilibrium
    }
}
