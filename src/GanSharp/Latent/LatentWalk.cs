using GanSharp.Imaging;
using GanSharp.Recipes;
using static TorchSharp.torch;

namespace GanSharp.Latent;

/// <summary>
/// Walks through a generator's latent space and pictures them: a strip (one row, PNG) and an
/// animation (GIF, each frame one image scaled up). For conditional runs only z is interpolated
/// spherically; the code part (one-hot class, InfoGAN codes) moves linearly, so a walk between
/// two classes morphs one garment into the other.
/// </summary>
public static class LatentWalk
{
    /// <summary>A path of <paramref name="steps"/> latent vectors from a to b (each (L)).</summary>
    public static Tensor Between(IRecipe recipe, Tensor a, Tensor b, int steps, string method)
    {
        int codeWidth = RecipeCapabilities.Conditional(recipe)?.Code.Width ?? 0;
        if (codeWidth == 0) return Interpolation.Path(a, b, steps, method);
        long zSize = a.shape[0] - codeWidth;
        var z = Interpolation.Path(a.narrow(0, 0, zSize), b.narrow(0, 0, zSize), steps, method);
        var code = Interpolation.Path(a.narrow(0, zSize, codeWidth), b.narrow(0, zSize, codeWidth), steps, "lerp");
        return cat(new[] { z, code }, 1);
    }

    /// <summary>
    /// Images along a path in W between the mapped ends a and b (each (L)): StyleGAN's mapping
    /// unwarps Z, so a straight line in W is the natural path there (Karras et al. 2019, section 4).
    /// </summary>
    public static Tensor InStyleSpace(IRecipe recipe, Tensor a, Tensor b, int steps, string method)
    {
        var styles = recipe as IStyleSpace ?? throw new GanSharpException("--space w needs a family with a mapping network to W (stylegan); interpolate this run in z");
        using var scope = NewDisposeScope();
        var w = styles.MapToW(stack(new[] { a, b }));
        return styles.SynthesizeW(Interpolation.Path(w[0], w[1], steps, method)).MoveToOuterDisposeScope();
    }

    /// <summary>Images of the path as one row (PNG) and, if <paramref name="gifPath"/> is given, an animation that goes there and back.</summary>
    public static void Save(Tensor images, string pngPath, string? gifPath, int frameSize = 112)
    {
        bool volumes = images.dim() == 5;   // voxel grids: a strip of renders, rendered frames
        if (volumes) AtomicFile.Write(pngPath, s => s.Write(VoxelRender.PanelPng(images, (int)images.shape[0])));
        else ImageGrid.Save(images, pngPath, columns: (int)images.shape[0]);
        if (gifPath is null) return;
        using var scope = NewDisposeScope();
        List<byte[]> frames;
        if (volumes) frames = Enumerable.Range(0, (int)images.shape[0]).Select(i => VoxelRender.Png(images[i, 0])).ToList();
        else
        {
            var big = nn.functional.interpolate(images.cpu(), new long[] { frameSize, frameSize }, mode: InterpolationMode.Nearest);
            frames = Enumerable.Range(0, (int)big.shape[0]).Select(i => ImageGrid.EncodePng(big.narrow(0, i, 1), 1, 0)).ToList();
        }
        frames.AddRange(Enumerable.Reverse(frames).Skip(1).SkipLast(1).ToList());        // back again, for a smooth loop
        AnimatedGif.Save(frames, gifPath, delayMs: 120);
    }
}
