using GanSharp.Runtime;
using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>A picture of a recipe's progress, as the recipe defines it; callbacks render it.</summary>
public abstract record Panel;

/// <summary>Images in [−1, 1], (N, C, H, W), shown row-major in <see cref="Columns"/> columns (noise grids, class grids, input | output | target rows).</summary>
public sealed record ImagePanel(Tensor Images, int Columns) : Panel;

/// <summary>Voxel grids (N, 1, D, H, W) of occupancy in [0, 1], drawn as shaded isometric renders in <see cref="Columns"/> columns.</summary>
public sealed record VolumePanel(Tensor Grids, int Columns) : Panel;

/// <summary>Generated points (N, D) of a low-dimensional distribution (the toy lab).</summary>
public sealed record PointPanel(Tensor Generated) : Panel;

/// <summary>
/// A recipe's discriminator as plots of the data space see it: the logit of single samples (eval
/// mode, no gradients), and whether it is a binary classifier trained by cross-entropy, so that
/// σ(logit) estimates D(x) and log 2 − ½ L_D estimates the Jensen–Shannon divergence.
/// </summary>
public sealed record DiscriminatorView(Func<Tensor, Tensor> LogitsAt, bool IsBinaryClassifier);

/// <summary>How a recipe's loss plot reads: its title, and whether d/real and d/fake are probabilities (else raw scores or energies).</summary>
/// <param name="FakeLabel">what D's output on G's images is called in the plot's legend (translators judge G(x), not G(z))</param>
/// <param name="Distances">further logged losses drawn in a panel of their own, as (metrics key, legend label): pixel and cycle distances</param>
public sealed record ProgressDescription(string Title, bool OutputsAreProbabilities, string FakeLabel = "D(G(z)), fake", IReadOnlyList<(string Key, string Label)>? Distances = null);

/// <summary>Fixed inputs chosen once, drawn into a <see cref="Panel"/> whenever asked, so pictures are comparable over a run.</summary>
public interface IProbe : IDisposable
{
    Panel Draw();
}

/// <summary>The usual probes: fixed latent vectors from the run's fixed-noise stream, through the recipe's sampler.</summary>
public static class Probes
{
    /// <summary>The stream the fixed latents are drawn from: the same seed gives the same grids across resumes.</summary>
    public const string FixedNoiseStream = "fixed-noise";

    /// <summary><paramref name="count"/> samples of fixed noise in an image grid of <paramref name="columns"/>.</summary>
    public static IProbe NoiseGrid(IRecipe recipe, long seed, int count = 64, int columns = 8) =>
        Latents(recipe, seed, g => recipe.Noise(count, g), images => new ImagePanel(images, columns));

    /// <summary>A class × noise grid of fixed noise: one row per class, the same z down each of the <paramref name="columns"/>.</summary>
    public static IProbe ClassGrid(IClassConditional recipe, long seed, int columns = 8) =>
        Latents(recipe, seed, g => recipe.ClassByNoise(columns, g), images => new ImagePanel(images, columns));

    /// <summary><paramref name="count"/> generated points of fixed noise.</summary>
    public static IProbe Points(IRecipe recipe, long seed, int count = 1000) =>
        Latents(recipe, seed, g => recipe.Noise(count, g), points => new PointPanel(points));

    /// <summary>Latents made once from the fixed-noise stream, their samples turned into a panel at each draw.</summary>
    public static IProbe Latents(IRecipe recipe, long seed, Func<Generator, Tensor> latents, Func<Tensor, Panel> panel)
    {
        using var g = Seeding.Generator(seed, FixedNoiseStream);
        return new FixedLatents(recipe, latents(g).DetachFromDisposeScope(), panel);
    }

    private sealed class FixedLatents(IRecipe recipe, Tensor latents, Func<Tensor, Panel> panel) : IProbe
    {
        public Panel Draw() => panel(recipe.Sample(latents));
        public void Dispose() => latents.Dispose();
    }
}
