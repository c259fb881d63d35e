using GanSharp.Recipes.Options;

namespace GanSharp.Recipes.Modern;

/// <summary>The checks the modern families' options share.</summary>
internal static class ModernOptionChecks
{
    /// <summary>--max-channels bounds the channel schedule that doubles from --width towards 4×4.</summary>
    public static void Channels(int width, int maxChannels)
    {
        Check.Positive(maxChannels, "--max-channels");
        if (maxChannels < width) throw new GanSharpException($"--max-channels {maxChannels} is below --width {width}");
    }

    /// <summary>A family whose D is the paper's own refuses the generic D options instead of ignoring them.</summary>
    public static void OwnDiscriminator(ClassifierGanOptions o, string paper)
    {
        if (o.DNorm != "none" || o.SpectralNorm || o.MinibatchKernels > 0 || o.MinibatchStdDev)
            throw new GanSharpException($"{o.Family}'s D is {paper}'s: no normalisation, a minibatch-stddev layer of its own; leave out --d-norm, --spectral-norm, --minibatch-stddev and --minibatch-kernels");
    }
}
