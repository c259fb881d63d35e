using GanSharp.Lab;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Lab;

public sealed class OptimalDiscriminatorTests
{
    // p_r = N(0, 1), p_g = N(1.5, 1): overlapping, so D* is smooth and JS is moderate.
    private static Tensor Real(long n, Generator g) => randn(new long[] { n, 1 }, generator: g);
    private static Tensor Fake(long n, Generator g) => randn(new long[] { n, 1 }, generator: g) + 1.5;
    private static double Pr(double x) => OptimalDiscriminator.NormalPdf(x, 0, 1);
    private static double Pg(double x) => OptimalDiscriminator.NormalPdf(x, 1.5, 1);

    [Fact]
    public void TrainedDiscriminator_ApproachesDStar_Within005OnTheBulkOfTheData()
    {
        var d = OptimalDiscriminator.Train(Real, Fake, steps: 1500, seed: 1);
        foreach (double x in new[] { -1.5, -1.0, -0.5, 0.0, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0 })
        {
            double dStar = Pr(x) / (Pr(x) + Pg(x));                      // 003: D* = p_r / (p_r + p_g)
            double learned;
            using (no_grad()) learned = d.forward(tensor(new[] { (float)x }).view(1, 1)).sigmoid().item<float>();
            Assert.InRange(learned, dStar - 0.05, dStar + 0.05);
        }
    }

    [Fact]
    public void JsNumerical_OfIdenticalDistributionsIsZero_AndOfDisjointOnesIsLog2()
    {
        Assert.Equal(0.0, OptimalDiscriminator.JsNumerical(Pr, Pr, -10, 10), 9);
        double far = OptimalDiscriminator.JsNumerical(Pr, x => OptimalDiscriminator.NormalPdf(x, 40, 1), -10, 50);
        Assert.Equal(Math.Log(2), far, 6);
    }

    [Fact]
    public void JsEstimate_FromTheTrainedDiscriminator_MatchesNumericalIntegration()
    {
        double truth = OptimalDiscriminator.JsNumerical(Pr, Pg, -10, 12);
        var d = OptimalDiscriminator.Train(Real, Fake, steps: 1500, seed: 2);
        double estimate = OptimalDiscriminator.JsEstimate(d, Real, Fake, 200_000, seed: 3);
        Assert.InRange(estimate, truth - 0.01, truth + 0.01);
    }
}
