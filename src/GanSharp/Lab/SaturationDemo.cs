using GanSharp.Imaging;
using GanSharp.Losses;
using ScottPlot;
using static TorchSharp.torch;

namespace GanSharp.Lab;

/// <summary>
/// Lecture 003's saturation argument, measured: with G fixed far from the data and D trained to
/// confidence, the gradient reaching G through the minimax loss E log(1 − D(G(z))) vanishes, because
/// ∂/∂a log(1 − σ(a)) = −σ(a) → 0 as D(G(z)) = σ(a) → 0, while the non-saturating loss −E log D(G(z))
/// has ∂/∂a = −(1 − σ(a)) → −1 and keeps G learning. G(z) = s·z + μ on 1-D data N(0, 1).
/// </summary>
public static class SaturationDemo
{
    /// <summary>One measurement: after <paramref name="DSteps"/> D steps, mean D(G(z)) and ‖∇(μ, s)‖ of both G losses.</summary>
    public sealed record Point(int DSteps, double MeanDOfFake, double MinimaxGradient, double NonSaturatingGradient);

    /// <summary>
    /// ‖∇_(μ, s)‖ of the minimax and non-saturating G losses for G(z) = s·z + μ at (μ, s), judged by
    /// <paramref name="d"/> on the noise <paramref name="z"/> (N, 1); also the mean D(G(z)).
    /// </summary>
    public static (double MeanD, double Minimax, double NonSaturating) Gradients(nn.Module<Tensor, Tensor> d, Tensor z, double mu, double scale)
    {
        using var scope = NewDisposeScope();
        var m = tensor((float)mu, requires_grad: true);
        var s = tensor((float)scale, requires_grad: true);
        var logits = d.forward(s * z + m).view(-1);
        double Norm(Tensor loss)
        {
            var g = autograd.grad(new[] { loss }, new[] { m, s }, retain_graph: true);
            return Math.Sqrt(g.Sum(t => t.square().item<float>()));
        }
        return (logits.sigmoid().mean().item<float>(), Norm(Objective.Minimax.G(logits)), Norm(Objective.NonSaturating.G(logits)));
    }

    /// <summary>
    /// D (an MLP) is trained <paramref name="steps"/> minimax steps to tell N(0, 1) from G's fixed
    /// N(μ, 1); both gradients are measured after every step on the same noise.
    /// </summary>
    public static IReadOnlyList<Point> Run(int steps = 1000, double mu = 8, long seed = 0, int batch = 256)
    {
        manual_seed(seed);
        using var d = nn.Sequential(nn.Linear(1, 32), nn.LeakyReLU(0.2), nn.Linear(32, 32), nn.LeakyReLU(0.2), nn.Linear(32, 1));
        using var opt = optim.Adam(d.parameters(), 1e-3);
        using var g = new Generator((ulong)seed);
        var z = randn(new long[] { 1024, 1 }, generator: g);
        var points = new List<Point>();
        for (int t = 0; ; t++)
        {
            var (meanD, minimax, nonSaturating) = Gradients(d, z, mu, 1);
            points.Add(new Point(t, meanD, minimax, nonSaturating));
            if (t == steps) break;
            using var scope = NewDisposeScope();
            var real = randn(new long[] { batch, 1 }, generator: g);
            var fake = randn(new long[] { batch, 1 }, generator: g) + mu;
            var loss = Objective.Minimax.D(d.forward(real).view(-1), d.forward(fake).view(-1));
            opt.zero_grad();
            loss.backward();
            opt.step();
        }
        return points;
    }

    /// <summary>Left: both gradient norms over D's training (log scale); right: the same against D(G(z)).</summary>
    public static void Save(string path, IReadOnlyList<Point> points, double mu)
    {
        double[] steps = points.Select(p => (double)p.DSteps).ToArray();
        double[] Log(Func<Point, double> f) => points.Select(p => Math.Log10(Math.Max(f(p), 1e-12))).ToArray();
        var overSteps = GanSharp.Imaging.PlotFonts.NewPlot();
        overSteps.Add.ScatterLine(steps, Log(p => p.MinimaxGradient)).LegendText = "minimax: E log(1 − D(G(z)))";
        overSteps.Add.ScatterLine(steps, Log(p => p.NonSaturatingGradient)).LegendText = "non-saturating: −E log D(G(z))";
        overSteps.Add.ScatterLine(steps, Log(p => p.MeanDOfFake)).LegendText = "D(G(z)), mean";
        overSteps.Title($"G fixed at N({mu}, 1), data N(0, 1): D trained, G's gradient measured");
        overSteps.XLabel("D training steps");
        overSteps.YLabel("log₁₀ ‖∇G‖  (and log₁₀ D(G(z)))");
        overSteps.ShowLegend(Alignment.LowerLeft);
        var overD = GanSharp.Imaging.PlotFonts.NewPlot();
        double[] logD = Log(p => p.MeanDOfFake);
        overD.Add.ScatterPoints(logD, Log(p => p.MinimaxGradient)).LegendText = "minimax";
        overD.Add.ScatterPoints(logD, Log(p => p.NonSaturatingGradient)).LegendText = "non-saturating";
        overD.Title("gradient reaching G against D's confidence");
        overD.XLabel("log₁₀ D(G(z))  (left = D sure the samples are fake)");
        overD.YLabel("log₁₀ ‖∇G‖");
        overD.ShowLegend(Alignment.LowerRight);
        PlotPanels.SaveSideBySide(path, new[] { overSteps, overD });
    }
}
