using GanSharp.Data;
using GanSharp.Recipes;
using GanSharp.Recipes.Options;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Training;

/// <summary>Real data of a run: batches, and the image set or toy distribution behind them.</summary>
internal sealed record RunData(IBatches Batches, ImageDataset? Images, ToyDistribution? Toy, string Source, long EpochSize);

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
        var data = trainer.Dataset.StartsWith("toy:") ? ToyData(gan, trainer, device) : ImageData(gan, trainer, device);
        log.Info($"data: {data.Source}");
        gan = fitToData ? FitToData(gan, data.Batches.Shape) : CheckFits(gan, data.Batches.Shape);
        var recipe = Families.CreateRecipe(gan, trainer.Seed, device);
        recipe.CheckData(data.Batches.Shape, data.Source);
        log.Info($"{gan.Family}: {string.Join(", ", recipe.State.Modules.Where(m => m.Trained).Select(m => $"{m.Name} {Parameters(m.Module):N0} parameters"))}; " +
                 $"{runtime.Threads} threads, OMP_WAIT_POLICY={runtime.OmpWaitPolicy}, device {device}");
        var conv = trainer.ConvCheck && data.Images is { } images ? CheckConvolutions(gan, recipe, images, log) : null;
        return (recipe, gan, data, runtime, conv);
    }

    /// <summary>The options with the data's channels (images) or dimension (points): nothing else decides them.</summary>
    private static FamilyOptions FitToData(FamilyOptions options, DataShape shape) => (shape.Modality, options) switch
    {
        (Modality.Points, ToyOptions toy) => toy with { Dimension = shape.Dimension },
        (Modality.Points, _) => throw new GanSharpException($"toy data needs the toy family's networks (gan toy NAME), not {options.Family}'s"),
        _ => options with { Channels = shape.Channels },
    };

    private static FamilyOptions CheckFits(FamilyOptions options, DataShape shape)
    {
        if (FitToData(options, shape) != options)
            throw new GanSharpException($"the run's networks were built for {(options is ToyOptions toy ? $"{toy.Dimension}-D points" : $"{options.Channels} channels")}, but its data now gives {shape}");
        return options;
    }

    private static RunData ImageData(FamilyOptions gan, TrainerOptions trainer, Device device)
    {
        if (gan is ToyOptions) throw new GanSharpException("toy-mlp networks train on toy data: use gan toy NAME");
        var dataset = FashionMnist.Load(FashionMnist.Locate(trainer.Data));
        if (trainer.Dataset == "stacked-fashion-mnist")
        {
            var grey = dataset;
            dataset = StackedFashionMnist.Create(grey, trainer.StackedCount, trainer.Seed);
            grey.Dispose();
        }
        int? resolution = gan.Resolution == dataset.Images.shape[^1] ? null : gan.Resolution;
        return new RunData(new BatchSampler(dataset, gan.BatchSize, trainer.Seed, device, resolution), dataset, null, dataset.Source, dataset.Count);
    }

    /// <summary>Toy data is endless; an "epoch" is 10,000 samples, for --epochs.</summary>
    private static RunData ToyData(FamilyOptions gan, TrainerOptions trainer, Device device)
    {
        var toy = ToyDistribution.Named(trainer.Dataset["toy:".Length..]);
        if (gan is not ToyOptions) throw new GanSharpException($"toy data needs the toy-mlp networks of the toy family, not {gan.Family}'s {gan.Networks}");
        return new RunData(new ToyBatches(toy, gan.BatchSize, trainer.Seed, device), null, toy, $"toy distribution {toy.Name}: {toy.Description}", 10_000);
    }

    private static ConvolutionCheck.Result CheckConvolutions(FamilyOptions gan, IRecipe recipe, ImageDataset dataset, RunLog log)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(12345);
        var z = recipe.Noise(gan.BatchSize, g).cpu();
        var real = dataset.Images.narrow(0, 0, Math.Min(gan.BatchSize, dataset.Count));
        if (gan.Resolution != real.shape[^1]) real = BatchSampler.Resize(real, gan.Resolution);
        var result = ConvolutionCheck.EnsureCorrect(recipe.ConvolutionSubjects(real, z), log.Info);
        log.Info($"convolution check: {result.Detail} (max relative error {result.MaxRelativeError:g3}, path {result.Path})");
        return result;
    }

    private static long Parameters(nn.Module m) => m.parameters().Sum(p => p.numel());
}
