using static TorchSharp.torch;

namespace GanSharp.Recipes.Text;

/// <summary>A recipe that draws images for descriptions: `gan sample --text`, the matching score of `gan eval`.</summary>
public interface ITextConditional : IRecipe
{
    /// <summary>The text encoder, its vocabulary and the training descriptions.</summary>
    DescriptionTable Text { get; }

    /// <summary>Latents for φ (1, E) repeated, or one φ per row (N, E); z and the augmentation's ε from <paramref name="g"/>.</summary>
    Tensor LatentsFor(Tensor phi, long n, Generator g);

    /// <summary>Every stage's images of these latents, the first stage first.</summary>
    IReadOnlyList<Tensor> SampleStages(Tensor latents);
}
