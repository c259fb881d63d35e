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
    [Flag("a folder of images (PNG, JPEG, BMP, GIF, WebP; searched recursively), a Fashion-MNIST folder, 'embedded' (Fashion-MNIST's test split) or 'embedded-emoji' (544 colour emoji at 32×32 in 4 categories) (unset: $GANSHARP_DATA, /usr/share/datasets/fashion-mnist, the embedded copy)")]
    public string? Data { get; init; }
    /// <summary>Image folders: 1 (grey) or 3 (RGB); 0 = RGB.</summary>
    [Flag("image folders: 1 (grey) or 3 (RGB) channels; 0 = RGB")]
    public int Channels { get; init; }
    /// <summary>Image folders: none, or folders (classes from the first-level subfolders' names, for the conditional families).</summary>
    [Flag("image folders: class labels from first-level subfolder names (folders) or none", Choices = new[] { "none", "folders" })]
    public string Labels { get; init; } = "none";
    /// <summary>Image folders: leave out and count files that cannot be decoded instead of stopping at the first.</summary>
    [Flag("image folders: skip (and count) files that cannot be decoded instead of stopping")]
    public bool SkipBad { get; init; }
    /// <summary>Image folders: the colour transparent pixels are composited on, white, black or #rrggbb.</summary>
    [Flag("image folders: colour that transparent pixels become: white, black or #rrggbb")]
    public string Background { get; init; } = "white";
    /// <summary>Image folders: megabytes of decoded images kept in memory; a larger set is decoded per batch.</summary>
    [Flag("image folders: megabytes of decoded images to keep in memory; a larger set is decoded again for every batch")]
    public int MemoryCap { get; init; } = 4096;
    /// <summary>Per-batch augmentation, seeded by the batch's position: image folders none, flip, crop (random crops of images stored 12.5% larger), crop-flip; voxel data none or turn.</summary>
    [Flag("image folders: none, flip (horizontal, p ½), crop (random crops of images stored 12.5% larger) or crop-flip; voxel data (shapes, furniture): turn (quarter turns about the vertical and mirrors); seeded by the batch, so resume is exact", Choices = new[] { "none", "flip", "crop", "crop-flip", "turn" })]
    public string Augment { get; init; } = "none";
    /// <summary>Image folders: how samples pair up — none; by-name (with --data-b), side-by-side (A | B images), or unpaired (with --data-b, CycleGAN); or pairs made from each image: edges, grey, low-res-2, low-res-4, masked.</summary>
    [Flag("image folders: none, by-name (--data and --data-b files of the same name), side-by-side (A | B in each image), unpaired (--data and --data-b as two domains), or pairs made from each image: edges, grey, low-res-2, low-res-4, masked",
        Choices = new[] { "none", "by-name", "side-by-side", "unpaired", "edges", "grey", "low-res-2", "low-res-4", "masked" })]
    public string Pairs { get; init; } = "none";
    /// <summary>Image folders: the second folder of --pairs by-name (the targets) or unpaired (domain B).</summary>
    [Flag("image folders: the targets of --pairs by-name, or domain B of --pairs unpaired")]
    public string? DataB { get; init; }
    /// <summary>Pairs and domains: the share of images kept out of training (a seeded split), which gan eval and the sample grids then use.</summary>
    [Flag("pairs and domains: share of the images kept out of training (split by --seed), on which the sample grids and gan eval translate; 0 = none")]
    public double HoldOut { get; init; }
    [Flag("steps between metrics lines")]
    public int LogEvery { get; init; } = 50;
    [Flag("steps between sample pictures and plot updates")]
    public int SampleEvery { get; init; } = 500;
    [Flag("steps between checkpoints")]
    public int CheckpointEvery { get; init; } = 500;
    [Flag("steps between checkpoints kept for good as checkpoints/step-N.ckpt (gan eval --checkpoint PATH measures them); 0 = none")]
    public int KeepEvery { get; init; }
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

    /// <summary>
    /// Checks every value; <paramref name="here"/>: also what depends on this machine, that named
    /// folders exist and the thread count fits its cores (not when reading a run's config, which may come from elsewhere).
    /// </summary>
    public TrainerOptions Validated(bool here = true)
    {
        if (Steps is <= 0) throw new GanSharpException($"--steps must be positive, got {Steps}");
        if (Epochs is { } e && (!(e > 0) || double.IsInfinity(e))) throw new GanSharpException($"--epochs must be positive, got {Epochs}");
        if (Threads < 0) throw new GanSharpException($"--threads must be 0 (default) or positive, got {Threads}");
        if (here) CheckThreads(Threads);
        foreach (var (v, flag) in new[] { (LogEvery, "--log-every"), (SampleEvery, "--sample-every"), (CheckpointEvery, "--checkpoint-every") })
            if (v <= 0) throw new GanSharpException($"{flag} must be positive, got {v}");
        if (Dataset is not ("fashion-mnist" or "stacked-fashion-mnist") && !Dataset.StartsWith("toy:"))
            throw new GanSharpException($"--dataset '{Dataset}' is not known; valid values: fashion-mnist, stacked-fashion-mnist, toy:NAME");
        if (StackedCount < 1) throw new GanSharpException($"--stacked-count must be positive, got {StackedCount}");
        if (EvalEvery < 0) throw new GanSharpException($"--eval-every must be 0 (off) or positive, got {EvalEvery}");
        if (EvalEvery > 0 && EvalEvery % LogEvery != 0)
            throw new GanSharpException($"--eval-every {EvalEvery} must be a multiple of --log-every {LogEvery}, so every FID lands in metrics.jsonl");
        if (EvalSamples < 10) throw new GanSharpException($"--eval-samples must be at least 10, got {EvalSamples}");
        if (MemoryCap < 0) throw new GanSharpException($"--memory-cap must be ≥ 0 megabytes, got {MemoryCap}");
        if (Channels is not (0 or 1 or 3)) throw new GanSharpException($"--channels must be 1 or 3 (or 0: RGB), got {Channels}");
        if (Labels is not ("none" or "folders")) throw new GanSharpException($"--labels '{Labels}' is not known; valid values: none, folders");
        BackgroundColour();
        if (IsShapes && Augment is not ("none" or "turn"))
            throw new GanSharpException($"--augment {Augment} is for images; voxel data takes none or turn (quarter turns about the vertical and mirrors)");
        if (!IsShapes && Augment == "turn") throw new GanSharpException("--augment turn turns voxel grids (--data shapes or furniture); images take none, flip, crop or crop-flip");
        if (!IsShapes) GanSharp.Data.CropFlip.Named(Augment, 4);
        if (Pairs is not ("none" or "by-name" or "side-by-side" or "unpaired") && !GanSharp.Data.Pairs.PairMaker.Kinds.Contains(Pairs))
            throw new GanSharpException($"--pairs '{Pairs}' is not known; valid values: none, by-name, side-by-side, unpaired, {string.Join(", ", GanSharp.Data.Pairs.PairMaker.Kinds)}");
        bool needsB = Pairs is "by-name" or "unpaired";
        if (needsB != DataB is not null)
            throw new GanSharpException(needsB ? $"--pairs {Pairs} needs --data-b FOLDER (the {(Pairs == "unpaired" ? "second domain" : "targets")})" : $"--data-b is for --pairs by-name or unpaired, not --pairs {Pairs}");
        if (here && DataB is not null && !Directory.Exists(DataB)) throw new GanSharpException($"--data-b {DataB}: no such folder");
        if (KeepEvery < 0) throw new GanSharpException($"--keep-every must be 0 (none) or positive, got {KeepEvery}");
        if (HoldOut is < 0 or >= 1) throw new GanSharpException($"--hold-out must be in [0, 1), got {HoldOut}");
        if (HoldOut > 0 && Pairs == "none") throw new GanSharpException("--hold-out applies to the pairs or domains of --pairs (the translation families); other runs measure samples of noise");
        return this;
    }

    /// <summary>More libtorch threads than 4 per core only make every step wait on the others (1,000 never start training).</summary>
    public static void CheckThreads(int threads)
    {
        int limit = 4 * Environment.ProcessorCount;
        if (threads > limit)
            throw new GanSharpException($"--threads {threads} is more than 4 per core ({Environment.ProcessorCount} cores here, at most {limit}); 0 uses one per core");
    }

    /// <summary>--background as a colour: white, black or #rrggbb.</summary>
    public SkiaSharp.SKColor BackgroundColour() => Background switch
    {
        "white" => SkiaSharp.SKColors.White,
        "black" => SkiaSharp.SKColors.Black,
        _ when Background.StartsWith('#') && Background.Length == 7 && SkiaSharp.SKColor.TryParse(Background, out var c) => c,
        _ => throw new GanSharpException($"--background '{Background}' is not a colour: white, black or #rrggbb"),
    };

    /// <summary>Whether --data names a folder of images (not IDX files, not the embedded Fashion-MNIST), or the embedded emoji.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsImageFolder => Data == GanSharp.Data.Sets.EmbeddedEmoji.Name || Data is string d && d != GanSharp.Data.FashionMnist.Embedded && !IsShapes && Directory.Exists(d)
        && !GanSharp.Data.FashionMnist.HasSplit(d) && GanSharp.Data.Sources.ImageFolder.HasImages(d);

    /// <summary>Whether --data names voxel grids for gan3d: the procedural shapes or Sweet Home 3D's furniture.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsShapes => GanSharp.Data.Voxels.VoxelSets.IsVoxelData(Data);

    /// <summary>The folder of images to read: --data itself, or where the embedded emoji are unpacked.</summary>
    public string ImageFolderPath() => Data == GanSharp.Data.Sets.EmbeddedEmoji.Name ? GanSharp.Data.Sets.EmbeddedEmoji.Folder()
        : IsImageFolder ? Data! : throw new GanSharpException($"--data {Data ?? "(unset)"} is not a folder of images");

    /// <summary>How to read the image folder at <paramref name="side"/> pixels: channels, labels, skipping, background, memory cap as given.</summary>
    public GanSharp.Data.Sources.ImageFolderOptions FolderOptions(int side) =>
        new(side, Channels == 0 ? 3 : Channels, Labels == "folders", SkipBad, BackgroundColour(), (long)MemoryCap << 20);

    /// <summary>Total generator steps: --steps, else --epochs over batches of k·B real images, else one epoch.</summary>
    public long TotalSteps(long datasetSize, long imagesPerStep)
    {
        if (Steps is { } s) return s;
        double epochs = Epochs ?? 1.0;
        return Math.Max(1, (long)Math.Ceiling(epochs * (datasetSize / imagesPerStep)));
    }
}
