using GanSharp.Recipes.Text;
using static TorchSharp.torch;

namespace GanSharp.Cli;

/// <summary>`gan sample --text` and `--stages`: a text-to-image run's samples for one description or the training images' ones, by stage.</summary>
internal static class TextSamples
{
    public static (Tensor Images, string What) Draw(ITextConditional recipe, string? description, int n, bool byStage, Generator g, Action<string> say)
    {
        Tensor phi;
        string about;
        if (description is not null)
        {
            var (one, dropped) = recipe.Text.EmbedText(description);
            if (dropped.Count > 0) say($"not in the text encoder's vocabulary, left out: {string.Join(", ", dropped)}");
            (phi, about) = (one, $"\"{description}\"");
        }
        else
        {
            var (some, which) = recipe.Text.Draw(n, g);
            for (int i = 0; i < which.Length; i++) say($"row {i + 1}: {recipe.Text.Descriptions[(int)which[i]]}");
            (phi, about) = (some, "descriptions of training images");
        }
        using var latents = recipe.LatentsFor(phi, n, g);
        if (!byStage) return (recipe.Sample(latents), $"{n} samples for {about}");
        var all = recipe.SampleStages(latents);
        long side = all[^1].shape[^1];
        var shown = all.Select(s => nn.functional.interpolate(s, new[] { side, side }, mode: InterpolationMode.Nearest)).ToArray();
        return (stack(shown, 1).flatten(0, 1), $"{n} samples for {about}, stage I{(all.Count > 1 ? " | stage II" : "")} in each row");
    }
}
