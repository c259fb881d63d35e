using GanSharp.Recipes;
using static TorchSharp.torch;

namespace GanSharp.Latent;

/// <summary>
/// Latent batches for the pictures of conditional GANs (seeds 001–003): class × noise grids (rows =
/// classes, columns = the same z) and InfoGAN traversals (one continuous code varied, the rest fixed).
/// All are row-major batches for <see cref="Imaging.ImageGrid"/> with <c>columns</c> columns.
/// </summary>
public static class CodeGrids
{
    /// <summary>n latent vectors of one class, z from the generator, continuous codes 0.</summary>
    public static Tensor OfClass(IClassConditional recipe, long n, int klass, Generator g)
    {
        CheckClass(recipe, klass);
        var z = recipe.Noise(n, g).narrow(1, 0, recipe.LatentSize);
        return recipe.Latent(z, full(n, klass, dtype: ScalarType.Int64));
    }

    /// <summary>
    /// InfoGAN: rows = categories, columns = continuous code <paramref name="code"/> from −range to
    /// +range (the paper walks to ±2, beyond the training range ±1); z and other codes fixed per grid.
    /// </summary>
    public static Tensor Traversal(IClassConditional recipe, int code, int columns, Generator g, double range = 2)
    {
        int continuous = recipe.Code.Continuous;
        if (continuous == 0) throw new GanSharpException($"{recipe.Family} has no continuous codes to traverse (InfoGAN has)");
        if (code < 0 || code >= continuous) throw new GanSharpException($"continuous code {code} does not exist; the run has codes 0..{continuous - 1}");
        if (columns < 2) throw new GanSharpException($"a traversal needs at least 2 columns, got {columns}");
        int k = recipe.Code.Categories;
        var z = recipe.Noise(1, g).narrow(1, 0, recipe.LatentSize).repeat(k * columns, 1);
        var values = zeros(k * columns, continuous);
        values.select(1, code).copy_(linspace(-range, range, columns).repeat(k));
        var classes = arange(k, dtype: ScalarType.Int64).repeat_interleave(columns);
        return recipe.Latent(z, classes, values);
    }

    private static void CheckClass(IClassConditional recipe, int klass)
    {
        if (klass < 0 || klass >= recipe.Code.Categories)
            throw new GanSharpException($"--class {klass} does not exist; the run has classes 0..{recipe.Code.Categories - 1}");
    }
}
