using static TorchSharp.torch;

namespace GanSharp.Latent;

/// <summary>
/// Paths between two latent vectors (seed 003). Linear interpolation cuts through the middle of a
/// Gaussian prior, where the norm of z is atypically small (‖z‖ ≈ √d on the shell, ≈ √(d/2) at the
/// midpoint of two independent draws); spherical interpolation (slerp, White 2016) follows the
/// great circle and keeps the norm between the endpoints' norms.
/// </summary>
public static class Interpolation
{
    public static IReadOnlyList<string> Methods { get; } = new[] { "slerp", "lerp" };

    /// <summary>(1 − t)·a + t·b.</summary>
    public static Tensor Lerp(Tensor a, Tensor b, double t) => a * (1 - t) + b * t;

    /// <summary>
    /// sin((1 − t)ω)/sin ω · a + sin(tω)/sin ω · b, ω the angle between a and b (vectors of shape (d));
    /// linear when a and b are (anti)parallel within 1e-6, where the formula is 0/0.
    /// </summary>
    public static Tensor Slerp(Tensor a, Tensor b, double t)
    {
        double cos = (a.dot(b) / (a.norm() * b.norm())).item<float>();
        double omega = Math.Acos(Math.Clamp(cos, -1, 1));
        if (Math.Sin(omega) < 1e-6) return Lerp(a, b, t);
        return a * (Math.Sin((1 - t) * omega) / Math.Sin(omega)) + b * (Math.Sin(t * omega) / Math.Sin(omega));
    }

    /// <summary>Row by row: a, b (N, d) and t (N) → (1 − tᵢ)·aᵢ + tᵢ·bᵢ.</summary>
    public static Tensor LerpRows(Tensor a, Tensor b, Tensor t) => a + (b - a) * t.unsqueeze(1);

    /// <summary>Row by row, as <see cref="Slerp"/>: a, b (N, d) and t (N) → (N, d); linear where a row's ends are (anti)parallel.</summary>
    public static Tensor SlerpRows(Tensor a, Tensor b, Tensor t)
    {
        var cos = ((a * b).sum(1) / (a.norm(1) * b.norm(1))).clamp(-1, 1);
        var omega = cos.acos();
        var sin = omega.sin();
        var straight = sin < 1e-6;
        var safe = where(straight, ones_like(sin), sin);
        var wa = where(straight, 1 - t, ((1 - t) * omega).sin() / safe);
        var wb = where(straight, t, (t * omega).sin() / safe);
        return a * wa.unsqueeze(1) + b * wb.unsqueeze(1);
    }

    /// <summary><paramref name="steps"/> points from a to b inclusive, as a batch (steps, d).</summary>
    public static Tensor Path(Tensor a, Tensor b, int steps, string method = "slerp")
    {
        if (steps < 2) throw new GanSharpException($"an interpolation needs at least 2 steps, got {steps}");
        if (!Methods.Contains(method)) throw new GanSharpException($"interpolation '{method}' is not known; valid values: {string.Join(", ", Methods)}");
        if (a.dim() != 1 || !a.shape.SequenceEqual(b.shape)) throw new GanSharpException("interpolation needs two latent vectors of the same size");
        return stack(Enumerable.Range(0, steps).Select(i => (double)i / (steps - 1))
            .Select(t => method == "slerp" ? Slerp(a, b, t) : Lerp(a, b, t)).ToArray());
    }
}
