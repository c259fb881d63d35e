using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// Low-dimensional distributions of the mode-collapse literature, with their mode centres and σ
/// for the coverage metric. Settings of the PacGAN paper's synthetic experiments (Lin et al. 2018,
/// also VEEGAN's): ring = 8 modes on the unit circle, σ = 0.01; grid = 25 modes on {−4, −2, 0, 2, 4}²,
/// σ = 0.05. The unrolled-GAN paper's ring (radius 2, σ = 0.02) is the variant ring-unrolled.
/// </summary>
public sealed record ToyDistribution(string Name, string Description, int Dimension, Tensor? Centres, double Sigma, Func<long, Generator, Tensor> Sampler)
{
    /// <summary>n samples (n, Dimension).</summary>
    public Tensor Sample(long n, Generator g) => Sampler(n, g);

    public static ToyDistribution Ring(int modes = 8, double radius = 1, double sigma = 0.01, string name = "ring") =>
        Mixture(name, $"{modes} Gaussians on a circle of radius {radius}, σ = {sigma}", RingCentres(modes, radius), sigma);

    public static ToyDistribution Grid(double sigma = 0.05) =>
        Mixture("grid", $"25 Gaussians on {{−4, −2, 0, 2, 4}}², σ = {sigma}", GridCentres(), sigma);

    /// <summary>A 1-D mixture of Gaussians with the given means, equal weights and one σ.</summary>
    public static ToyDistribution Mixture1D(double[] means, double sigma, string name = "mixture-1d") =>
        Mixture(name, $"1-D mixture of {means.Length} Gaussians at {string.Join(", ", means)}, σ = {sigma}", tensor(means, dtype: ScalarType.Float32).view(-1, 1), sigma);

    public static readonly ToyDistribution Gaussian1D = Mixture1D(new[] { 0.0 }, 1.0, "gaussian-1d");

    /// <summary>Swiss roll: (t cos t, t sin t)/5 for t ~ U(1.5π, 4.5π), plus noise 0.05.</summary>
    public static readonly ToyDistribution SwissRoll = new("swiss-roll", "swiss roll (t cos t, t sin t)/5, t ∈ [1.5π, 4.5π], noise 0.05", 2, null, 0.05, (n, g) =>
    {
        var t = (rand(new long[] { n }, generator: g) * 3 + 1.5) * Math.PI;
        return stack(new[] { t * t.cos(), t * t.sin() }, 1) / 5 + 0.05 * randn(new long[] { n, 2 }, generator: g);
    });

    /// <summary>Two interleaved spirals r = t, angle t and t + π, t ~ U(0.5, 3π)·, scaled to about [−2, 2].</summary>
    public static readonly ToyDistribution TwoSpirals = new("two-spirals", "two interleaved spirals, noise 0.05", 2, null, 0.05, (n, g) =>
    {
        var t = rand(new long[] { n }, generator: g) * 3 * Math.PI + 0.5;
        var arm = (rand(new long[] { n }, generator: g) < 0.5).to_type(ScalarType.Float32) * Math.PI;
        var angle = t + arm;
        return stack(new[] { t * angle.cos(), t * angle.sin() }, 1) / 5 + 0.05 * randn(new long[] { n, 2 }, generator: g);
    });

    public static IReadOnlyList<ToyDistribution> All { get; } = new[]
    {
        Ring(), Grid(), Ring(8, 2, 0.02, "ring-unrolled"), Gaussian1D, Mixture1D(new[] { -2.0, 2.0 }, 0.5), SwissRoll, TwoSpirals,
    };

    public static ToyDistribution Named(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new GanSharpException($"toy distribution '{name}' is not known; valid values: {string.Join(", ", All.Select(d => d.Name))}");

    private static ToyDistribution Mixture(string name, string description, Tensor centres, double sigma) =>
        new(name, description, (int)centres.shape[1], centres, sigma, (n, g) =>
        {
            var which = randint(centres.shape[0], new long[] { n }, generator: g);
            return centres.index_select(0, which) + sigma * randn(new long[] { n, centres.shape[1] }, generator: g);
        });

    public static Tensor RingCentres(int modes, double radius)
    {
        var angles = arange(modes, dtype: ScalarType.Float32) * (2 * Math.PI / modes);
        return stack(new[] { angles.cos(), angles.sin() }, 1) * radius;
    }

    public static Tensor GridCentres()
    {
        var axis = tensor(new float[] { -4, -2, 0, 2, 4 });
        var (xs, ys) = (axis.repeat_interleave(5), axis.repeat(5));
        return stack(new[] { xs, ys }, 1);
    }
}
