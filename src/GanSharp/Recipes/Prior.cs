using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>The noise prior p(z): standard normal or uniform on [−1, 1] (002's p_z).</summary>
public sealed record Prior(string Name, string Description)
{
    public static readonly Prior Normal = new("normal", "z ~ N(0, I)");
    public static readonly Prior Uniform = new("uniform", "z ~ U(−1, 1)^d");
    public static IReadOnlyList<Prior> All { get; } = new[] { Normal, Uniform };

    /// <summary>The names --prior accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToArray();

    public static Prior Named(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new GanSharpException($"--prior '{name}' is not known; valid values: {string.Join(", ", All.Select(p => p.Name))}");

    /// <summary>
    /// The truncation trick on normal z (Brock et al. 2019, section 3.1): z drawn from N(0, I)
    /// truncated to [−ψ, ψ], which BigGAN gets by resampling values beyond ψ. Here by the monotone map
    /// z ↦ Φ⁻¹(Φ(−ψ) + (Φ(ψ) − Φ(−ψ)) Φ(z)), which sends N(0, 1) to exactly that truncated law and keeps
    /// every seed's image recognisable as ψ shrinks; ψ = 0 gives z = 0, the mode. Computed in float64.
    /// </summary>
    public static Tensor Truncate(Tensor z, double psi)
    {
        if (!(psi >= 0) || double.IsInfinity(psi)) throw new GanSharpException($"--truncation must be a number ≥ 0, got {psi}");
        if (psi == 0) return zeros_like(z);
        var x = z.to_type(ScalarType.Float64);
        double low = Phi(-psi), high = Phi(psi);
        var p = (x / Math.Sqrt(2)).erf().add_(1).mul_(0.5).mul_(high - low).add_(low);   // Φ(z) mapped into [Φ(−ψ), Φ(ψ)]
        var truncated = p.mul_(2).sub_(1).erfinv().mul_(Math.Sqrt(2));
        return truncated.clamp_(-psi, psi).to_type(z.dtype);
    }

    /// <summary>Φ, the standard normal CDF.</summary>
    private static double Phi(double x)
    {
        using var t = tensor(x / Math.Sqrt(2), ScalarType.Float64);
        using var e = t.erf();
        return 0.5 * (1 + e.item<double>());
    }

    /// <summary>n latent vectors (n, size), drawn from the given generator.</summary>
    public Tensor Sample(long n, int size, Generator generator, Device device)
    {
        var z = this == Uniform
            ? rand(new long[] { n, size }, generator: generator).mul_(2).sub_(1)
            : randn(new long[] { n, size }, generator: generator);
        return z.device == device ? z : z.to(device);
    }
}
