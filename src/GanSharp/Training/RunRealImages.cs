using GanSharp.Data;
using static TorchSharp.torch;

namespace GanSharp.Training;

/// <summary>Real images of the data a run trained on, as its networks saw them (resolution, channels, centre crop), for showing beside its samples.</summary>
public static class RunRealImages
{
    /// <summary>
    /// <paramref name="n"/> images drawn without replacement by <paramref name="seed"/> (all of them
    /// when the data has fewer), in [−1, 1], with labels when the data has classes, and the class names when they are named.
    /// </summary>
    public static (Batch Images, IReadOnlyList<string>? ClassNames) Draw(RunConfig config, int n, long seed)
    {
        if (n < 1) throw new GanSharpException($"--images must be at least 1, got {n}");
        var data = RunAssembly.SingleImages(config.Options, config.Trainer);
        try
        {
            using var g = new Generator((ulong)seed);
            using var indices = randperm(data.EpochSize, generator: g).narrow(0, 0, Math.Min(n, data.EpochSize));
            var batch = data.RealAt!(indices);
            return (batch with { X = batch.X.detach().clone(), Labels = batch.Labels?.detach().clone() }, data.ClassNames ?? config.ClassNames);
        }
        finally
        {
            data.Batches.Dispose();
            data.Images?.Dispose();
        }
    }
}
