using GanSharp.Losses;
using static TorchSharp.torch;

namespace GanSharp.Lab;

/// <summary>
/// Lecture 003's theory, computed: for fixed p_r and p_g the best discriminator is
/// D* = p_r / (p_r + p_g), and the minimax value at D* is −2 log 2 + 2 JS(p_r ‖ p_g). Here a small
/// MLP is trained with the minimax D loss on samples of two fixed 1-D distributions, so it can be
/// compared with D*, and its loss turned into an estimate of the Jensen–Shannon divergence.
/// </summary>
public static class OptimalDiscriminator
{
    /// <summary>A 1-D discriminator x → logit, trained <paramref name="steps"/> Adam steps on fresh samples.</summary>
    public static nn.Module<Tensor, Tensor> Train(Func<long, Generator, Tensor> real, Func<long, Generator, Tensor> fake, int steps, long seed, int batch = 512)
    {
        manual_seed(seed);
        var d = nn.Sequential(nn.Linear(1, 64), nn.LeakyReLU(0.2), nn.Linear(64, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1));
        using var opt = optim.Adam(d.parameters(), 2e-3);
        using var g = new Generator((ulong)seed);
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            var loss = Objective.Minimax.D(d.forward(real(batch, g)).view(-1), d.forward(fake(batch, g)).view(-1));
            opt.zero_grad();
            loss.backward();
            opt.step();
        }
        return d;
    }

    /// <summary>JS estimate from a discriminator: (V(D) + 2 log 2) / 2, V = E log D(x) + E log(1 − D(G(z))) on fresh samples.</summary>
    public static double JsEstimate(nn.Module<Tensor, Tensor> d, Func<long, Generator, Tensor> real, Func<long, Generator, Tensor> fake, long n, long seed)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)seed);
        using var _ = no_grad();
        double value = -Objective.Minimax.D(d.forward(real(n, g)).view(-1), d.forward(fake(n, g)).view(-1)).item<float>();
        return (value + 2 * Math.Log(2)) / 2;
    }

    /// <summary>JS(p ‖ q) by the trapezoid rule on [lo, hi] with natural logarithms.</summary>
    public static double JsNumerical(Func<double, double> p, Func<double, double> q, double lo, double hi, int points = 20_001)
    {
        double h = (hi - lo) / (points - 1), sum = 0;
        for (int i = 0; i < points; i++)
        {
            double x = lo + i * h, a = p(x), b = q(x), m = (a + b) / 2;
            double f = (a > 0 ? 0.5 * a * Math.Log(a / m) : 0) + (b > 0 ? 0.5 * b * Math.Log(b / m) : 0);
            sum += (i == 0 || i == points - 1 ? 0.5 : 1) * f;
        }
        return sum * h;
    }

    /// <summary>The normal density N(μ, σ²) at x.</summary>
    public static double NormalPdf(double x, double mu, double sigma) =>
        Math.Exp(-0.5 * Math.Pow((x - mu) / sigma, 2)) / (sigma * Math.Sqrt(2 * Math.PI));
}
