using GanSharp.Data;
using GanSharp.Data.Sets;
using GanSharp.Data.Sources;
using GanSharp.Recipes;
using GanSharp.Recipes.ImageToImage;
using GanSharp.Recipes.Options;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Training;

/// <summary>
/// Real data of a run: batches; the IDX image set (what FID during training compares with) or toy
/// distribution behind them; n real images at the networks' resolution, for the convolution check;
/// class names of folder labels.
/// </summary>
internal sealed record RunData(IBatches Batches, ImageDataset? Images, ToyDistribution? Toy, string Source, long EpochSize,
    Func<long, Tensor>? RealImages = null, IReadOnlyList<string>? ClassNames = null, Func<int, Batch>? Examples = null,
    Func<Tensor, Batch>? RealAt = null);

/// <summary>
/// Puts a run together in the order libtorch and reproducibility demand: native runtime, seed,
/// data, networks built from the data's shape (the family's recipe), the convolution check.
/// </summary>
internal static class RunAssembly
{
    /// <summary>
    /// Data first, then networks built from its shape (<paramref name="fitToData"/>: a new run takes
    /// the data's channels or dimension; a resumed one must find the data it was trained on).
    /// </summary>
    public static (IRecipe, FamilyOptions, RunData, RuntimeInfo, ConvolutionCheck.Result?) Assemble(FamilyOptions gan, TrainerOptions trainer, RunLog log, bool fitToData)
    {
        var runtime = TorchRuntime.Initialize(trainer.Threads);
        var device = TorchRuntime.ResolveDevice(trainer.Device);
        Seeding.SeedGlobal(trainer.Seed);
        bool folder = trainer.IsImageFolder;
        bool missing = trainer.Data is string d && d != FashionMnist.Embedded && d != EmbeddedEmoji.Name && !trainer.IsShapes && !Directory.Exists(d);   // that error comes from the data's own search
        if (gan.TrainsOnPairs != (trainer.Pairs != "none"))
            throw new GanSharpException(gan.TrainsOnPairs
                ? $"{gan.Family} trains on (input, target) pairs: give --pairs by-name --data-b FOLDER, side-by-side, or a maker of pairs from any images ({string.Join(", ", Data.Pairs.PairMaker.Kinds)})"
                : $"--pairs {trainer.Pairs} gives (input, target) pairs, which the image-to-image families train on; {gan.Family} trains on single images (gan data show --pairs {trainer.Pairs} shows them)");
        if (!folder && !missing) RefuseFolderOptions(trainer);
        bool toy = trainer.Dataset.StartsWith("toy:");
        if (toy != gan is ToyOptions)   // the toy family's MLPs and toy data go together, and only together
            throw new GanSharpException(toy ? $"toy data needs the toy-mlp networks of the toy family, not {gan.Family}'s {gan.Networks}" : "toy-mlp networks train on toy data: use gan toy NAME");
        if (fitToData && gan is Recipes.Text.StackGanOptions text) gan = TextRuns.Resolve(text, trainer);
        if (trainer.IsShapes != gan is Recipes.Volumes.Gan3dOptions)   // voxel grids and 3-D networks go together, and only together
            throw new GanSharpException(trainer.IsShapes ? $"--data {trainer.Data} holds voxel grids, which gan3d trains on, not {gan.Family}" : "gan3d trains on voxel grids: --data shapes or --data furniture");
        var data = toy ? ToyData(gan, trainer, device)
            : trainer.IsShapes ? ShapeData(gan, trainer, device, log)
            : gan.TrainsOnPairs ? PairData(gan, trainer, device, log, folder)
            : folder ? FolderData(gan, trainer, device, log) : ImageData(gan, trainer, device);
        log.Info($"data: {data.Source}");
        gan = fitToData ? FitToData(gan, data.Batches, data.ClassNames is not null) : CheckFits(gan, data.Batches, data.ClassNames is not null);
        if (fitToData && folder && gan is IFeatureLossOptions { NeedsFeatureNetwork: true, FeatureNetworkPath: null } needsFeatures)
            gan = needsFeatures.WithFeatureNetwork(Features.FeatureStore.FindFor(trainer, gan.Channels, gan.Resolution));   // IDX runs keep null: the embedded network
        MemoryEstimate.Check(gan, trainer.Seed);
        var recipe = Families.CreateRecipe(gan, trainer.Seed, device);
        recipe.CheckData(data.Batches.Shape, data.Source);
        if (fitToData && recipe is Recipes.Text.StackGan { FrozenStageOne: not null } stageTwo) TextRuns.CopyStageOne(stageTwo, log);
        log.Info($"{gan.Family}: {string.Join(", ", recipe.State.Modules.Where(m => m.Trained).Select(m => $"{m.Name} {Parameters(m.Module):N0} parameters"))}; " +
                 $"{runtime.Threads} thread{(runtime.Threads == 1 ? "" : "s")}, OMP_WAIT_POLICY={runtime.OmpWaitPolicy}, device {device}");
        var conv = trainer.ConvCheck && data.RealImages is { } real ? CheckConvolutions(gan, recipe, real, log) : null;
        return (recipe, gan, data, runtime, conv);
    }

    /// <summary>The single images a run trained on (an image folder or Fashion-MNIST), without networks: what a user study shows beside the generated ones.</summary>
    public static RunData SingleImages(FamilyOptions gan, TrainerOptions trainer)
    {
        if (gan is ToyOptions || trainer.Dataset.StartsWith("toy:")) throw new GanSharpException($"{gan.Family} trains on toy points, not images");
        if (gan.TrainsOnPairs) throw new GanSharpException($"{gan.Family} trains on (input, target) pairs; a study shows single images of families that draw them from noise");
        var device = TorchRuntime.ResolveDevice("cpu");
        return trainer.IsImageFolder ? FolderData(gan, trainer, device, new RunLog(null, _ => { })) : ImageData(gan, trainer, device);
    }

    /// <summary>
    /// The options with the data's channels (images; for pairs, the inputs' and the targets') or dimension (points): nothing else decides them;
    /// with classes named by the data (an image folder's subfolders), the label-conditioned families
    /// take those classes too (IDX labels are only checked against --classes: stacked Fashion-MNIST's 1,000 are not classes to condition on).
    /// </summary>
    private static FamilyOptions FitToData(FamilyOptions options, IBatches data, bool namedClasses) => (data.Shape.Modality, options, data.Shape) switch
    {
        (Modality.Images, IPairedOptions paired, var shape) when data.TargetShape is { } target => paired.WithShapes(shape, target),
        (Modality.Images, ConditionalOptions { Conditioning: not "infogan" } c, var shape) when namedClasses => c with { Channels = shape.Channels, Classes = shape.Classes },
        (Modality.Images, Recipes.Modern.ResNetGanOptions r, var shape) when namedClasses => r with { Channels = shape.Channels, Classes = shape.Classes },
        (Modality.Points, ToyOptions toy, var shape) => toy with { Dimension = shape.Dimension },
        (Modality.Points, _, _) => throw new GanSharpException($"toy data needs the toy family's networks (gan toy NAME), not {options.Family}'s"),
        (_, _, var shape) => options with { Channels = shape.Channels },
    };

    private static FamilyOptions CheckFits(FamilyOptions options, IBatches data, bool namedClasses)
    {
        if (FitToData(options, data, namedClasses) != options)
            throw new GanSharpException($"the run's networks were built for {(options is ToyOptions toy ? $"{toy.Dimension}-D points" : $"{options.Channels} channels")}, but its data now gives {data.Shape}");
        return options;
    }

    private static RunData ImageData(FamilyOptions gan, TrainerOptions trainer, Device device)
    {
        var dataset = FashionMnist.Load(FashionMnist.Locate(trainer.Data));
        if (trainer.Dataset == "stacked-fashion-mnist")
        {
            var grey = dataset;
            dataset = StackedFashionMnist.Create(grey, trainer.StackedCount, trainer.Seed);
            grey.Dispose();
        }
        int? resolution = gan.Resolution == dataset.Images.shape[^1] ? null : gan.Resolution;
        Tensor Real(long n)
        {
            var real = dataset.Images.narrow(0, 0, Math.Min(n, dataset.Count));
            return resolution is int r ? BatchSampler.Resize(real, r) : real;
        }
        Batch At(Tensor indices) => dataset.Read(indices) is var b && resolution is int r ? b with { X = BatchSampler.Resize(b.X, r) } : b;
        return new RunData(new BatchSampler(dataset, gan.BatchSize, trainer.Seed, device, resolution), dataset, null, dataset.Source, dataset.Count, Real, RealAt: At);
    }

    /// <summary>
    /// A folder of images, decoded once at the run's resolution (larger for random crops) in the
    /// run's channels, labelled by subfolder when asked; notes on sizes and skipped files go to the log.
    /// </summary>
    private static RunData FolderData(FamilyOptions gan, TrainerOptions trainer, Device device, RunLog log)
    {
        if (trainer.Dataset != "fashion-mnist") throw new GanSharpException($"--dataset {trainer.Dataset} does not read image folders; leave --dataset out with --data {trainer.Data}");
        var augment = CropFlip.Named(trainer.Augment, gan.Resolution);
        var options = trainer.FolderOptions(CropFlip.StoredSide(augment, gan.Resolution));
        var folder = ImageFolder.Load(trainer.ImageFolderPath(), gan is Recipes.Text.StackGanOptions text ? options with { Text = TextRuns.VocabularyOf(text) } : options);
        if (folder.SizeWarning is string note) log.Info(note);
        foreach (var skipped in folder.Skipped.Take(5)) log.Info($"skipped {skipped.Message}");
        if (folder.Skipped.Count > 5) log.Info($"skipped {folder.Skipped.Count - 5} more bad files");
        var centre = new CropFlip(gan.Resolution, RandomCrop: false, Flip: false);
        Batch At(Tensor indices) => centre.Apply(folder.Read(indices), generator: null);
        Tensor Real(long n) => At(arange(Math.Min(n, folder.Count))).X;
        return new RunData(new BatchSampler(folder, gan.BatchSize, trainer.Seed, device, augment: augment), null, null, folder.Description, folder.Count, Real, folder.ClassNames, RealAt: At);
    }

    /// <summary>Pairs for the image-to-image families: from an image folder, or made from Fashion-MNIST; their targets are the "real images" of the convolution check.</summary>
    private static RunData PairData(FamilyOptions gan, TrainerOptions trainer, Device device, RunLog log, bool folder)
    {
        if (trainer.Dataset != "fashion-mnist") throw new GanSharpException($"--dataset {trainer.Dataset} gives no pairs; leave it out");
        var idx = folder ? null : FashionMnist.Load(FashionMnist.Locate(trainer.Data));
        var pairs = PairedData.Open(trainer, gan.Resolution, gan.BatchSize, device, log.Info, idx);
        Tensor Targets(long n) => pairs.Examples((int)Math.Min(n, pairs.Count)).RequireY("paired data");
        return new RunData(pairs.Batches, idx, null, pairs.Description, pairs.Count, Targets, Examples: pairs.Examples);
    }

    /// <summary>The image-folder options mean nothing for IDX, toy or voxel data (which has its own --augment turn): given there, they are an error, not silently ignored.</summary>
    private static void RefuseFolderOptions(TrainerOptions t)
    {
        var defaults = new TrainerOptions();
        var given = new (bool Set, string Flag)[]
        {
            (t.Channels != defaults.Channels, "--channels"), (t.Labels != defaults.Labels, "--labels"), (t.SkipBad, "--skip-bad"),
            (t.Background != defaults.Background, "--background"), (t.Augment != defaults.Augment && !t.IsShapes, "--augment"), (t.MemoryCap != defaults.MemoryCap, "--memory-cap"),
            (t.Pairs != defaults.Pairs && !PairedData.IsMade(t.Pairs), "--pairs"), (t.DataB is not null, "--data-b"),
        }.Where(g => g.Set).Select(g => g.Flag).ToList();
        if (given.Count > 0)
            throw new GanSharpException($"{string.Join(", ", given)} apply to image folders (--data FOLDER of images); this run reads {(t.IsShapes ? $"voxel data ({t.Data}), which takes --augment turn only" : t.Dataset.StartsWith("toy:") ? t.Dataset : "Fashion-MNIST")}");
    }

    /// <summary>Voxel grids at the run's resolution: the procedural shapes (a fixed set, seed 0, the same for every run) or the furniture models.</summary>
    private static RunData ShapeData(FamilyOptions gan, TrainerOptions trainer, Device device, RunLog log)
    {
        var shapes = Data.Voxels.VoxelSets.Open(trainer.Data!, gan.Resolution);
        var classes = Data.Voxels.VoxelSets.ClassNames(trainer.Data!);
        if (shapes is Data.Voxels.FurnitureMeshes furniture)
        {
            foreach (var skipped in furniture.Skipped.Take(5)) log.Info($"skipped {skipped}");
            if (furniture.Skipped.Count > 5) log.Info($"skipped {furniture.Skipped.Count - 5} more models");
        }
        Tensor Real(long n) => shapes.Read(arange(Math.Min(n, shapes.Count))).X;
        var augment = trainer.Augment == "turn" ? new Data.Voxels.QuarterTurns() : null;
        return new RunData(new BatchSampler(shapes, gan.BatchSize, trainer.Seed, device, augment: augment), null, null, shapes.Description, shapes.Count, Real, classes, RealAt: shapes.Read);
    }

    /// <summary>Toy data is endless; an "epoch" is 10,000 samples, for --epochs.</summary>
    private static RunData ToyData(FamilyOptions gan, TrainerOptions trainer, Device device)
    {
        var toy = ToyDistribution.Named(trainer.Dataset["toy:".Length..]);
        return new RunData(new ToyBatches(toy, gan.BatchSize, trainer.Seed, device), null, toy, $"toy distribution {toy.Name}: {toy.Description}", 10_000);
    }

    private static ConvolutionCheck.Result CheckConvolutions(FamilyOptions gan, IRecipe recipe, Func<long, Tensor> realImages, RunLog log)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(12345);
        var z = recipe.Noise(gan.BatchSize, g).cpu();
        var real = realImages(gan.BatchSize);
        var result = ConvolutionCheck.EnsureCorrect(recipe.ConvolutionSubjects(real, z), log.Info);
        log.Info($"convolution check: {result.Detail} (max relative error {result.MaxRelativeError:g3}, path {result.Path})");
        return result;
    }

    private static long Parameters(nn.Module m) => m.parameters().Sum(p => p.numel());
}
