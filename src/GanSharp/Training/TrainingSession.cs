using GanSharp.Data;
using GanSharp.Recipes;
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
    public ImageDataset Dataset { get; }
    public BatchSampler Data { get; }
    public TrainingState State { get; }
    public RunLog Log { get; }

    private TrainingSession(RunDirectory dir, RunConfig config, IRecipe recipe, ImageDataset dataset, BatchSampler data, RunLog log)
    {
        (Directory, Config, Recipe, Dataset, Data, Log) = (dir, config, recipe, dataset, data, log);
        State = new TrainingState { Directory = dir, Recipe = recipe, Log = log, TotalSteps = config.TotalSteps };
    }

    /// <summary>Starts a new run in <paramref name="dir"/>; <paramref name="console"/> receives messages.</summary>
    public static TrainingSession Create(GanOptions gan, TrainerOptions trainer, RunDirectory dir, Action<string> console)
    {
        gan = gan.Validated();
        trainer = trainer.Validated();
        dir.Create();
        var log = new RunLog(dir.Log, console);
        var (recipe, dataset, data, runtime, conv) = Assemble(gan, trainer, log);
        var config = new RunConfig
        {
            GanSharpVersion = RunConfig.Version(typeof(Gan)),
            TorchSharpVersion = RunConfig.Version(typeof(torch)),
            Gan = gan,
            Trainer = trainer,
            TotalSteps = trainer.TotalSteps(dataset.Count, recipe.ImagesPerStep),
            DataSource = dataset.Source,
            Runtime = runtime,
            ConvolutionCheck = conv,
        };
        config.Save(dir.Config);
        log.Info($"run folder: {dir.Root}");
        return new TrainingSession(dir, config, recipe, dataset, data, log);
    }

    /// <summary>
    /// Continues a run from checkpoints/last.ckpt (or previous.ckpt, with a warning, if the last
    /// one is corrupt). <paramref name="totalSteps"/> extends the run past its planned length.
    /// </summary>
    public static TrainingSession Resume(string runFolder, Action<string> console, long? totalSteps = null)
    {
        var dir = new RunDirectory(runFolder);
        var stored = RunConfig.Load(dir.Config);
        var log = new RunLog(dir.Log, console);
        var (recipe, dataset, data, runtime, conv) = Assemble(stored.Gan, stored.Trainer, log);
        var position = LoadNewestGood(dir, recipe, log);
        data.Seek(position.Epoch, position.BatchInEpoch);
        recipe.StepsDone = position.Step;
        var config = stored with { TotalSteps = totalSteps ?? stored.TotalSteps, Runtime = runtime, ConvolutionCheck = conv };
        if (config.TotalSteps <= position.Step)
            throw new GanSharpException($"{dir.Root} is already at step {position.Step} of {config.TotalSteps}; pass --steps N (N > {position.Step}) to train further");
        config.Save(dir.Config);
        var session = new TrainingSession(dir, config, recipe, dataset, data, log);
        (session.State.Step, session.State.Epoch, session.State.BatchInEpoch, session.State.ImagesSeen, session.State.TrainSeconds) =
            (position.Step, position.Epoch, position.BatchInEpoch, position.ImagesSeen, position.TrainSeconds);
        log.Info($"resumed {dir.Root} at step {position.Step} of {config.TotalSteps}");
        return session;
    }

    /// <summary>
    /// Trains with the standard run-folder callbacks plus <paramref name="extra"/> (progress display).
    /// <paramref name="first"/> run before the standard ones, so numbers they add to a step's log
    /// (FID during training) reach metrics.jsonl, the plot and TensorBoard.
    /// </summary>
    public TrainingOutcome Train(IEnumerable<ITrainingCallback> extra, CancellationToken cancel = default, IEnumerable<ITrainingCallback>? first = null)
    {
        var t = Config.Trainer;
        var metrics = new MetricsLog(Directory.Metrics);
        var callbacks = new List<ITrainingCallback>(first ?? Array.Empty<ITrainingCallback>())
        {
            new Every(t.LogEvery, metrics),
            new Every(t.LogEvery, new TensorBoardLog(Directory.Root)),
            new Every(t.SampleEvery, new SampleGrids(Directory, Config.Trainer.Seed)),
            new Every(t.SampleEvery, new LossCurves(metrics, Directory.LossPlot, Config.Gan.Recipe == "gan" ? $"{Config.Gan.Family}, {Config.Gan.Loss} loss, k = {Config.Gan.DSteps}" : $"{Config.Gan.Family} (d/real, d/fake: reconstruction energies)",
                Config.Gan.Recipe == "gan" && Losses.Objective.Named(Config.Gan.Loss).Probabilistic)),
        };
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

    private static (IRecipe, ImageDataset, BatchSampler, RuntimeInfo, ConvolutionCheck.Result?) Assemble(GanOptions gan, TrainerOptions trainer, RunLog log)
    {
        var runtime = TorchRuntime.Initialize(trainer.Threads);
        var device = TorchRuntime.ResolveDevice(trainer.Device);
        Seeding.SeedGlobal(trainer.Seed);
        var location = FashionMnist.Locate(trainer.Data);
        var dataset = FashionMnist.Load(location);
        if (trainer.Dataset == "stacked-fashion-mnist")
        {
            var grey = dataset;
            dataset = StackedFashionMnist.Create(grey, trainer.StackedCount, trainer.Seed);
            grey.Dispose();
        }
        if (dataset.Images.shape[1] != gan.Channels)
            throw new GanSharpException($"the data has {dataset.Images.shape[1]} channels but the networks are built for {gan.Channels}");
        log.Info($"data: {dataset.Source}");
        var recipe = Families.CreateRecipe(gan, trainer.Seed, device);
        int? resolution = gan.Resolution == dataset.Images.shape[^1] ? null : gan.Resolution;
        var data = new BatchSampler(dataset, gan.BatchSize, trainer.Seed, device, resolution);
        log.Info($"{gan.Family}: {string.Join(", ", recipe.Parts.Where(p => p.Optimizer is not null).Select(p => $"{p.Name} {Parameters(p.Module):N0} parameters"))}; " +
                 $"{runtime.Threads} threads, OMP_WAIT_POLICY={runtime.OmpWaitPolicy}, device {device}");
        var conv = trainer.ConvCheck ? CheckConvolutions(gan, recipe, dataset, resolution, log) : null;
        return (recipe, dataset, data, runtime, conv);
    }

    private static ConvolutionCheck.Result CheckConvolutions(GanOptions gan, IRecipe recipe, ImageDataset dataset, int? resolution, RunLog log)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(12345);
        var z = recipe.Noise(gan.BatchSize, g).cpu();
        var real = dataset.Images.narrow(0, 0, Math.Min(gan.BatchSize, dataset.Count));
        if (resolution is int r) real = BatchSampler.Resize(real, r);
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
        Dataset.Dispose();
        Log.Dispose();
    }
}
