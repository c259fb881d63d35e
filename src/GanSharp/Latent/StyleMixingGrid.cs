using GanSharp.Recipes.Modern;
using static TorchSharp.torch;

namespace GanSharp.Latent;

/// <summary>
/// StyleGAN's style-mixing figure (Karras et al. 2019, figure 3): the top row shows sources B, the
/// left column sources A, and each cell A's image with B's w at the layers of one group of stages:
/// coarse (4×4 and 8×8: pose, shape), middle (16×16 and 32×32 below the last stage: features) or fine
/// (the rest: colour, texture). At 32×32 that is 4–8, 16 and 32.
/// </summary>
public static class StyleMixingGrid
{
    public static IReadOnlyList<string> Groups { get; } = new[] { "coarse", "middle", "fine" };

    /// <summary>The stages of a group for a network whose last stage is <paramref name="last"/> (sides 4·2^s).</summary>
    public static IReadOnlyList<int> Stages(string group, int last)
    {
        bool Coarse(int s) => s <= 1;
        bool Middle(int s) => !Coarse(s) && s <= 3 && s < last;
        return group switch
        {
            "coarse" => Enumerable.Range(0, last + 1).Where(Coarse).ToArray(),
            "middle" => Enumerable.Range(0, last + 1).Where(Middle).ToArray(),
            "fine" => Enumerable.Range(0, last + 1).Where(s => !Coarse(s) && !Middle(s)).ToArray(),
            _ => throw new GanSharpException($"--style-mix takes {string.Join(", ", Groups)}, not '{group}'"),
        };
    }

    /// <summary>(rows + 1) · (columns + 1) images, row by row: a white corner, B's images, then per row A's image and its mixes.</summary>
    public static Tensor Build(StyleGan recipe, string group, int rows, int columns, Generator noise, double psi = 1)
    {
        var stages = Stages(group, recipe.Options.Shape.Last);
        if (stages.Count == 0) throw new GanSharpException($"at {recipe.Options.Resolution}×{recipe.Options.Resolution} there are no {group} styles (groups: 4–8 coarse, 16–32 middle, above fine)");
        var a = recipe.Noise(rows, noise);
        var b = recipe.Noise(columns, noise);
        var mixed = recipe.MixStyles(a, b, stages, psi);
        var sourcesA = recipe.MixStyles(a, b.narrow(0, 0, 1), Array.Empty<int>(), psi);
        var sourcesB = recipe.MixStyles(b, a.narrow(0, 0, 1), Array.Empty<int>(), psi);
        var corner = ones_like(sourcesB.narrow(0, 0, 1));
        var cells = new List<Tensor> { corner, sourcesB };
        for (int r = 0; r < rows; r++) cells.AddRange(new[] { sourcesA.narrow(0, r, 1), mixed.narrow(0, r * columns, columns) });
        return cat(cells, 0);
    }
}
