using GanSharp.Data;
using GanSharp.Recipes;
using GanSharp.Recipes.Options;
using GanSharp.Runtime;
using GanSharp.Training.Callbacks;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Training;

/// <summary>
/// Everything one run needs, assembled in the order libtorch and reproducibility demand:
/// native runtime, seed, data, recipe, convolution check, run folder. <see cref="Create"/>
/// starts a run, <see cref="Resume"/> continues one from its last checkpoint.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    public RunDirectory Directory { get; }
    public RunConfig Config { get; }
    public IRecipe Recipe { get; }
    /// <summary>The image data set, or null for toy data.</summary>
    public ImageDataset? Dataset { get; }
    /// <summary>The toy distribution, or null for image data.</summary>
    public ToyDistribution? Toy { get; }
    public IBatches Data { get; }
    public TrainingState State { get; }
    public RunLog Log { get; }

    private TrainingSession(RunDirectory dir, RunConfig config, IRecipe recipe, RunData data, RunLog log)
    {
        (Directory, Config, Recipe, Dataset, Toy, Data, Log) = (dir, config, recipe, data.Images, data.Toy, data.Batches, log);
        State = new TrainingState { Directory = dir, Recipe = recipe, Log = log, TotalSteps = config.TotalSteps };
        if (recipe is ILrSchedule scheduled) scheduled.DecayHorizon = config.TotalSteps;    // --lr-decay linear reaches 0 at the run's end
    }

    /// <summary>Starts a new run in <paramref name="dir"/>; <paramref name="console"/> receives messages.</summary>
    public static TrainingSession Create(FamilyOptions options, TrainerOptions trainer, RunDirectory dir, Action<string> console)
    {
        options.Validate();
        trainer = trainer.Validated();
        dir.Create();
        var log = new RunLog(dir.Log, console);
        (var recipe, options, var data, var runtime, var conv) = Assemble(options, trainer, log, fitToData: true);
        var config = new RunConfig
        {
            GanSharpVersion = RunConfig.Version(typeof(Gan)),
            TorchSharpVersion = RunConfig.Version(typeof(torch)),
            Family = options.Family,
            Options = options,
            Trainer = trainer,
            TotalSteps = trainer.TotalSteps(data.EpochSize, recipe.ImagesPerStep),
            DataSource = data.Source,
            DataShape = data.Batches.Shape,
            Runtime = runtime,
            ConvolutionCheck = conv,
        };
        config.Save(dir.Config);
        log.Info($"run folder: {dir.Root}");
        return new TrainingSession(dir, config, recipe, data, log);
    }

    /// <summary>
    /// Continues a run from checkpoints/last.ckpt (or previous.ckpt, with a warning, if the last
    /// one is corrupt). <paramref name="totalSteps"/> extends the run past its planned length.
    /// </summary>
    public static TrainingSession Resume(string runFolder, Action<string> console, long? totalSteps = null, int? threads = null)
    {
        var dir = new RunDirectory(runFolder);
        var stored = RunConfig.Load(dir.Config);
        if (threads is int t) stored = stored with { Trainer = stored.Trainer with { Threads = t } };   // a machine setting, not a training one
        var log = new RunLog(dir.Log, console);
        var (recipe, _, data, runtime, conv) = Assemble(stored.Options, stored.Trainer, log, fitToData: false);
        var position = LoadNewestGood(dir, recipe, log);
        var config = stored with { TotalSteps = totalSteps ?? stored.TotalSteps, Runtime = runtime, ConvolutionCheck = conv };
        if (config.TotalSteps <= position.Step)
            throw new GanSharpException($"{dir.Root} is already at step {position.Step} of {config.TotalSteps}; pass --steps N (N > {position.Step}) to train further");
        config.Save(dir.Config);
        var session = new TrainingSession(dir, config, recipe, data, log);
        session.State.ResumeAt(position, data.Batches);
        log.Info($"resumed {dir.Root} at step {position.Step} of {config.TotalSteps}");
        return session;
    }

    /// <summary>
    /// Trains with the standard run-folder callbacks (metrics, TensorBoard, loss plot, the recipe's
    /// sample pictures for image data) plus <paramref name="extra"/> (progress display).
    /// <paramref name="first"/> run before the standard ones, so numbers they add to a step's log
    /// (FID during training, the toy lab's JS estimate) reach metrics.jsonl, the plot and TensorBoard.
    /// </summary>
    public TrainingOutcome Train(IEnumerable<ITrainingCallback> extra, CancellationToken cancel = default, IEnumerable<ITrainingCallback>? first = null)
    {
        var t = Config.Trainer;
        var metrics = new MetricsLog(Directory.Metrics);
        var callbacks = new List<ITrainingCallback>(first ?? Array.Empty<ITrainingCallback>())
        {
            new Every(t.LogEvery, metrics),
            new Every(t.LogEvery, new TensorBoardLog(Directory.Root)),
            new Every(t.SampleEvery, new LossCurves(metrics, Directory.LossPlot, Recipe.Progress.Title, Recipe.Progress.OutputsAreProbabilities)),
        };
        if (Toy is null) callbacks.Add(new Every(t.SampleEvery, new SampleGrids(Directory, Config.Trainer.Seed)));   // toy runs: the lab's plots (ToyCallbacks)
        callbacks.AddRange(extra);
        var outcome = new Trainer(t.CheckpointEvery, callbacks) { DetailEvery = t.LogEvery }.Run(State, Data, cancel);
        Log.Info(outcome switch
        {
            TrainingOutcome.Completed => $"done: {State.Step} steps in {TimeSpan.FromSeconds(Math.Round(State.TrainSeconds)):g}; samples in {Directory.Samples}",
            TrainingOutcome.Cancelled => $"stopped at step {State.Step}; checkpoint saved. Continue with: gan resume {Directory.Root}",
            _ => $"diverged at step {State.Step}",
        });
        return outcome;
    }

    /// <summary>Real data of a run: batches, and the image set or toy distribution behind them.</summary>
    private sealed record RunData(IBatches Batches, ImageDataset? Images, ToyDistribution? Toy, string Source, long EpochSize);

    /// <summary>
    /// Data first, then networks built from its shape (<paramref name="fitToData"/>: a new run takes
    /// the data's channels or dimension; a resumed one must find the data it was trained on).
    /// </summary>
    private static (IRecipe, FamilyOptions, RunData, RuntimeInfo, ConvolutionCheck.Result?) Assemble(FamilyOptions gan, TrainerOptions trainer, RunLog log, bool fitToData)
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

    private static Checkpoint.Position LoadNewestGood(RunDirectory dir, IRecipe recipe, RunLog log)
    {
        try
        {
            return Checkpoint.Load(dir.LastCheckpoint, recipe);
        }
        catch (CheckpointException e) when (File.Exists(dir.PreviousCheckpoint))
        {
            log.Info($"warning: {e.Message}; resuming from the previous good checkpoint {dir.PreviousCheckpoint}");
            return Checkpoint.Load(dir.PreviousCheckpoint, recipe);
        }
    }

    private static long Parameters(nn.Module m) => m.parameters().Sum(p => p.numel());

    public void Dispose()
    {
        Recipe.Dispose();
        Data.Dispose();
        Dataset?.Dispose();
        Log.Dispose();
    }
}
