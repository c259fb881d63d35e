using GanSharp.Cli;
using GanSharp.Lab;
using Xunit;

namespace GanSharp.Tests.Lab;

public sealed class Density1DTests
{
    [Fact]
    public void Kde_OfOnePoint_IsTheKernel_AndIntegratesToOne()
    {
        Assert.Equal(OptimalDiscriminator.NormalPdf(0.3, 1.0, 0.5), Density1D.Kde(new[] { 1.0 }, 0.5, 0.3), 12);
        var samples = new[] { -1.0, 0.0, 0.5, 3.0 };
        double area = 0, h = 0.4;
        for (double x = -6; x <= 8; x += 0.001) area += Density1D.Kde(samples, h, x) * 0.001;
        Assert.Equal(1.0, area, 4);
    }

    [Fact]
    public void SilvermanBandwidth_ByHand()
    {
        // {1, 2, 3, 4, 5}: sd = √2.5 = 1.5811; IQR = 4 − 2 = 2, / 1.34 = 1.4925 → 0.9 · 1.4925 · 5^(−1/5) = 0.9750
        Assert.Equal(0.9 * (2 / 1.34) * Math.Pow(5, -0.2), Density1D.SilvermanBandwidth(new double[] { 5, 1, 4, 2, 3 }), 10);
    }

    [Fact]
    public void MixtureBandwidth_IsSilvermanCappedAtAThirdOfSigma()
    {
        var wide = new double[] { -2, -2.1, -1.9, 2, 2.1, 1.9 };
        Assert.Equal(0.5 / 3, Density1D.MixtureBandwidth(wide, 0.5), 12);
        var narrow = new double[] { 0, 0.001, 0.002, 0.003 };
        Assert.Equal(Density1D.SilvermanBandwidth(narrow), Density1D.MixtureBandwidth(narrow, 0.5), 12);
    }

    [Fact]
    public void MixtureAndOptimalD_ByHand()
    {
        double p = Density1D.Mixture(new[] { -2.0, 2.0 }, 0.5, 2.0);
        Assert.Equal((OptimalDiscriminator.NormalPdf(2, -2, 0.5) + OptimalDiscriminator.NormalPdf(2, 2, 0.5)) / 2, p, 12);
        Assert.Equal(0.75, Density1D.OptimalD(3, 1), 12);
        Assert.Equal(0.5, Density1D.OptimalD(0, 0));
    }

    [Fact]
    public void OneDimensionalToyRun_TracksJsOverTraining()
    {
        using var tmp = TestSetup.Temp();
        var err = new StringWriter();
        Assert.True(0 == GanCli.Run(new[] { "toy", "mixture-1d", "--steps", "4", "--sample-every", "2", "--width", "8", "--runs", tmp.Path, "--name", "m" }, new StringWriter(), err), err.ToString());
        var lines = File.ReadAllLines(tmp.File("m/js.jsonl"));
        Assert.Equal(2, lines.Length);
        using var last = System.Text.Json.JsonDocument.Parse(lines[1]);
        Assert.Equal(4, last.RootElement.GetProperty("step").GetInt64());
        double js = last.RootElement.GetProperty("jsNumerical").GetDouble();
        Assert.InRange(js, 0, Math.Log(2) + 1e-6);
        Assert.True(File.Exists(tmp.File("m/js.png")));
        Assert.Contains("\"js/numerical\"", File.ReadAllText(tmp.File("m/metrics.jsonl")));
    }
}
