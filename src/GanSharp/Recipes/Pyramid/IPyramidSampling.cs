using static TorchSharp.torch;

namespace GanSharp.Recipes.Pyramid;

/// <summary>
/// A recipe that draws its images level by level of a Laplacian pyramid, so each level can be
/// measured on its own: its images and the real images seen through the same low-pass, both at
/// the run's resolution (what `gan eval --levels` compares).
/// </summary>
public interface IPyramidSampling : IRecipe
{
    /// <summary>Levels above the base: level 0 is the base, level <see cref="Levels"/> the run's resolution.</summary>
    int Levels { get; }

    /// <summary>The side of a level in pixels.</summary>
    int SideOf(int level);

    /// <summary>The images of the latents at a level, expanded by the pyramid to the run's resolution, in [−1, 1].</summary>
    Tensor SampleLevel(Tensor latents, int level);

    /// <summary>Images at the run's resolution as a level sees them: reduced to its side and expanded back (the finest level: themselves).</summary>
    Tensor LowPass(Tensor images, int level);
}
