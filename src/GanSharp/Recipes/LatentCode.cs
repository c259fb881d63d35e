using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// The structured part of a conditional generator's input, appended to z: G sees [z, code].
/// For label conditioning (cGAN, AC-GAN, projection D) the code is the one-hot class; for InfoGAN
/// it is a one-hot categorical code followed by continuous codes ~ U(−1, 1) (Chen et al. 2016).
/// Because the code is part of the latent vector, everything that samples through
/// <see cref="IRecipe.Noise"/> (grids, evaluation, interpolation) works unchanged.
/// </summary>
public sealed record LatentCode(int Categories, int Continuous)
{
    /// <summary>Width of the code: categories + continuous codes.</summary>
    public int Width => Categories + Continuous;

    /// <summary>A code of n random categories (uniform) and continuous values (U(−1, 1)).</summary>
    public (Tensor Code, Tensor Category, Tensor Continuous) Sample(long n, Generator g, Device device)
    {
        var category = randint(Categories, new long[] { n }, generator: g).to(device);
        var continuous = (rand(new long[] { n, Continuous }, generator: g) * 2 - 1).to(device);
        return (Join(category, continuous), category, continuous);   // drawn in range: no check on the training path
    }

    /// <summary>The code of given categories (N) and continuous values (N, Continuous), or zeros for the latter.</summary>
    public Tensor Make(Tensor category, Tensor? continuous = null)
    {
        if (category.dtype != ScalarType.Int64) category = category.to_type(ScalarType.Int64);
        if ((category < 0).any().item<bool>() || (category >= Categories).any().item<bool>())
            throw new GanSharpException($"a class must be in 0..{Categories - 1}");
        return Join(category, continuous ?? zeros(category.shape[0], Continuous, device: category.device));
    }

    /// <summary>One-hot categories (in range, Int64) followed by the continuous codes.</summary>
    private Tensor Join(Tensor category, Tensor continuous)
    {
        var oneHot = nn.functional.one_hot(category, Categories).to_type(ScalarType.Float32);
        return Continuous == 0 ? oneHot : cat(new[] { oneHot, continuous }, 1);
    }

    /// <summary>
    /// A class × noise grid's latents from z (columns, L): row r is category r, the same z down each
    /// column; (K · columns, L + Width), continuous codes 0.
    /// </summary>
    public Tensor ClassRows(Tensor z)
    {
        var classes = arange(Categories, dtype: ScalarType.Int64, device: z.device).repeat_interleave(z.shape[0]);
        return cat(new[] { z.repeat(Categories, 1), Make(classes) }, 1);
    }

    /// <summary>The category (N) of latent vectors whose last <see cref="Width"/> entries are a code.</summary>
    public Tensor CategoryOf(Tensor latent) => latent.narrow(1, latent.shape[1] - Width, Categories).argmax(1);

    /// <summary>The continuous codes (N, Continuous) of latent vectors.</summary>
    public Tensor ContinuousOf(Tensor latent) => latent.narrow(1, latent.shape[1] - Continuous, Continuous);

    /// <summary>Latent vectors with their category replaced by <paramref name="category"/> (N), z and continuous codes kept.</summary>
    public Tensor WithCategory(Tensor latent, Tensor category)
    {
        var z = latent.narrow(1, 0, latent.shape[1] - Width);
        return cat(new[] { z, Make(category.to(latent.device), Continuous == 0 ? null : ContinuousOf(latent)) }, 1);
    }
}
