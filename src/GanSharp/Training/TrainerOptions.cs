using GanSharp.Recipes.Options;

namespace GanSharp.Training;

/// <summary>
/// How long and how a run trains, and what it writes; independent of the GAN family.
/// Properties have kebab-case CLI twins (<c>CheckpointEvery</c> ↔ <c>--checkpoint-every</c>).
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>Generator steps to train; wins over <see cref="Epochs"/> when both are set.</summary>
    [Flag("generator steps to train (wins over --epochs)")]
    public long? Steps { get; init; }
    /// <summary>Passes over the data (real images seen / data size), may be fractional.</summary>
    [Flag("passes over the data (1 when --steps is not given)")]
    public double? Epochs { get; init; }
    [Flag("seed of weights, noise and batch order")]
    public long Seed { get; init; }
    /// <summary>libtorch intra-op threads; 0 keeps libtorch's default (one per core).</summary>
    [Flag("libtorch threads (0 = one per core)")]
    public int Threads { get; init; }
    [Flag("cpu or cuda (cuda needs a TorchSharp CUDA build)")]
    public string Device { get; init; } = "cpu";
    /// <summary>fashion-mnist, stacked-fashion-mnist (three images as the channels of one: 1,000 modes), or toy:NAME (lab).</summary>
    [Flag("fashion-mnist, stacked-fashion-mnist (3 channels, 1,000 modes), or toy:NAME (ring, grid, ring-unrolled, gaussian-1d, mixture-1d, swiss-roll, two-spirals)")]
    public string Dataset { get; init; } = "fashion-mnist";
    /// <summary>Stacked images to draw for stacked-fashion-mnist.</summary>
    [Flag("stacked images to draw for stacked-fashion-mnist")]
    public long StackedCount { get; init; } = 60_000;
    /// <summary>Fashion-MNIST folder, "embedded", or null for the search order.</summary>
    [Flag("Fashion-MNIST folder, or 'embedded' (unset: $GANSHARP_DATA, /usr/share/datasets/fashion-mnist, the embedded copy)")]
    public string? Data { get; init; }
    [Flag("steps between metrics lines")]
    public int LogEvery { get; init; } = 50;
    [Flag("steps between sample pictures and plot updates")]
    public int SampleEvery { get; init; } = 500;
    [Flag("steps between checkpoints")]
    public int CheckpointEvery { get; init; } = 500;
    /// <summary>Steps between FID/KID evaluations during training (a multiple of LogEvery); 0 = off.</summary>
    [Flag("steps between FID/KID evaluations (a multiple of --log-every; keeps checkpoints/best.ckpt); 0 = off")]
    public int EvalEvery { get; init; }
    /// <summary>Generated images per evaluation during training.</summary>
    [Flag("generated images per evaluation")]
    public int EvalSamples { get; init; } = 2000;
    /// <summary>Feature-network weights for evaluation; null = the embedded default.</summary>
    [Flag("feature-network weights for evaluation (unset: the embedded one)")]
    public string? Features { get; init; }
    /// <summary>Check float32 convolutions against float64 before training (and fall back if wrong).</summary>
    public bool ConvCheck { get; init; } = true;

    public TrainerOptions Validated()
    {
        if (Steps is <= 0) throw new GanSharpException($"--steps must be positive, got {Steps}");
        if (Epochs is { } e && (!(e > 0) || double.IsInfinity(e))) throw new GanSharpException($"--epochs must be positive, got {Epochs}");
        if (Threads < 0) throw new GanSharpException($"--threads must be 0 (default) or positive, got {Threads}");
        foreach (var (v, flag) in new[] { (LogEvery, "--log-every"), (SampleEvery, "--sample-every"), (CheckpointEvery, "--checkpoint-every") })
            if (v <= 0) throw new GanSharpException($"{flag} must be positive, got {v}");
        if (Dataset is not ("fashion-mnist" or "stacked-fashion-mnist") && !Dataset.StartsWith("toy:"))
            throw new GanSharpException($"--dataset '{Dataset}' is not known; valid values: fashion-mnist, stacked-fashion-mnist, toy:NAME");
        if (StackedCount < 1) throw new GanSharpException($"--stacked-count must be positive, got {StackedCount}");
        if (EvalEvery < 0) throw new GanSharpException($"--eval-every must be 0 (off) or positive, got {EvalEvery}");
        if (EvalEvery > 0 && EvalEvery % LogEvery != 0)
            throw new GanSharpException($"--eval-every {EvalEvery} must be a multiple of --log-every {LogEvery}, so every FID lands in metrics.jsonl");
        if (EvalSamples < 10) throw new GanSharpException($"--eval-samples must be at least 10, got {EvalSamples}");
        return this;
    }

    /// <summary>Total generator steps: --steps, else --epochs over batches of k·B real images, else one epoch.</summary>
    public long TotalSteps(long datasetSize, long imagesPerStep)
    {
        if (Steps is { } s) return s;
        double epochs = Epochs ?? 1.0;
        return Math.Max(1, (long)Math.Ceiling(epochs * (datasetSize / imagesPerStep)));
    }
}
