using GanSharp.Recipes.Text;
using static TorchSharp.torch;

namespace GanSharp.Cli;

/// <summary>`gan sample --text` and `--stages`: a text-to-image run's samples for one description or the training images' ones, by stage.</summary>
internal static class TextSamples
{
    /// <summary>
    /// n samples for a description, or for several joined by '|' one row of n each; without one, n
    /// training descriptions (named row by row). By stage: one row per sample, stage I upsampled first.
    /// </summary>
    public static (Tensor Images, string What, int Columns) Draw(ITextConditional recipe, string? descriptions, int n, bool byStage, Generator g, Action<string> say)
    {
        var texts = descriptions?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? Array.Empty<string>();
        if (descriptions is not null && texts.Length == 0) throw new GanSharpException("--text is empty; give a description, or several joined by '|'");
        Tensor phi;
        string about;
        if (texts.Length > 0)
        {
            var rows = new List<Tensor>();
            foreach (var text in texts)
            {
                var (one, dropped) = recipe.Text.EmbedText(text);
                if (dropped.Count > 0) say($"\"{text}\": not in the text encoder's vocabulary, left out: {string.Join(", ", dropped)}");
                rows.Add(one.expand(n, -1));
            }
            (phi, about) = (cat(rows, 0), texts.Length == 1 ? $"\"{texts[0]}\"" : byStage ? $"{texts.Length} descriptions, {n} rows each" : $"{texts.Length} descriptions, one row each");
        }
        else
        {
            var (some, which) = recipe.Text.Draw(n, g);
            for (int i = 0; i < which.Length; i++) say($"row {i + 1}: {recipe.Text.Descriptions[(int)which[i]]}");
            (phi, about) = (some, "descriptions of training images");
        }
        long count = phi.shape[0];
        using var latents = recipe.LatentsFor(phi, count, g);
        if (!byStage) return (recipe.Sample(latents), $"{n} samples for {about}", texts.Length > 1 ? n : 0);
        var all = recipe.SampleStages(latents);
        long side = all[^1].shape[^1];
        var shown = all.Select(s => nn.functional.interpolate(s, new[] { side, side }, mode: InterpolationMode.Nearest)).ToArray();
        return (stack(shown, 1).flatten(0, 1), $"{count} samples for {about}, stage I{(all.Count > 1 ? " | stage II" : "")} in each row", all.Count);
    }
}
