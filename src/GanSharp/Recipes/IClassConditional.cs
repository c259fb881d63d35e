using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// A recipe whose generator sees [z, code] (<see cref="LatentCode"/>): the label-conditional and
/// InfoGAN families, SAGAN and BigGAN with classes. Class grids, samples of one class, traversals
/// and latent walks are built on this, whichever family trained the run.
/// </summary>
public interface IClassConditional : IRecipe
{
    /// <summary>The family's name, for messages.</summary>
    string Family { get; }

    /// <summary>Size of z, the part of the latent vector before the code.</summary>
    int LatentSize { get; }

    /// <summary>The code after z (Categories = 0 for an unconditional run of a family that can condition).</summary>
    LatentCode Code { get; }

    /// <summary>Whether the code is the data's class (training needs labels), not an invented one (InfoGAN).</summary>
    bool NeedsLabels { get; }

    /// <summary>Latent vectors [z, code] for chosen classes (N) and continuous codes (N, C) or zeros.</summary>
    Tensor Latent(Tensor z, Tensor category, Tensor? continuous = null);

    /// <summary>A class × noise grid's latents: rows are classes 0..K−1, each column the same <paramref name="columns"/> noise vectors.</summary>
    Tensor ClassByNoise(int columns, Generator g);
}

/// <summary>
/// A recipe that samples with the truncation trick (Brock et al. 2019, BigGAN; Karras et al. 2019,
/// StyleGAN; the lectures' tips, 003): less variety for more typical images, ψ = 1 or more being no
/// truncation in W and a threshold on |z| in z.
/// </summary>
public interface ITruncatedSampling : IRecipe
{
    /// <summary>Images of the latents with truncation ψ, in eval mode and without gradients.</summary>
    Tensor SampleTruncated(Tensor latents, double psi);
}

/// <summary>Finds what a command needs of a run's recipe, or says which runs have it.</summary>
public static class RecipeCapabilities
{
    /// <summary>The recipe as a conditional one with classes or codes, or null.</summary>
    public static IClassConditional? Conditional(IRecipe recipe) => recipe is IClassConditional { Code.Width: > 0 } c ? c : null;
}

/// <summary>
/// A recipe whose generator maps z to an intermediate latent w before synthesis (StyleGAN's W,
/// Karras et al. 2019, section 2): interpolation and the perceptual path length are measured in W there.
/// Both calls run the generator samples come from (the EMA copy), in eval mode and without gradients.
/// </summary>
public interface IStyleSpace : IRecipe
{
    /// <summary>latents (N, L) → w (N, S).</summary>
    Tensor MapToW(Tensor latents);

    /// <summary>w (N, S), the same at every layer → images (N, C, R, R).</summary>
    Tensor SynthesizeW(Tensor w);
}
