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

    /// <summary>The first n examples of the data, always the same (paired data: its pairs), or null when the data has none to show.</summary>
    public Func<int, Batch>? Examples { get; }

    /// <summary>n real images as the networks see them (an image folder's centre squares), or null for toy data.</summary>
    public Func<long, Tensor>? RealImages { get; }
    public TrainingState State { get; }
    public RunLog Log { get; }

    private TrainingSession(RunDirectory dir, RunConfig config, IRecipe recipe, RunData data, RunLog log)
    {
        (Directory, Config, Recipe, Dataset, Toy, Data, RealImages, Examples, Log) = (dir, config, recipe, data.Images, data.Toy, data.Batches, data.RealImages, data.Examples, log);
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
        (var recipe, options, var data, var runtime, var conv) = RunAssembly.Assemble(options, trainer, log, fitToData: true);
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
            ClassNames = data.ClassNames,
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
        var (recipe, _, data, runtime, conv) = RunAssembly.Assemble(stored.Options, stored.Trainer, log, fitToData: false);
        var position = LoadNewestGood(dir, recipe, log);
        if (data.Source != stored.DataSource)   // a folder with files added or removed: the same indices mean other images
            log.Info($"warning: the data now reads as \"{data.Source}\", the run was made on \"{stored.DataSource}\"; it continues, but not as it would have");
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
            new Every(t.SampleEvery, new LossCurves(metrics, Directory.LossPlot, Recipe.Progress)),
        };
        if (Toy is null) callbacks.Add(new Every(t.SampleEvery, new SampleGrids(Directory, Config.Trainer.Seed, Examples)));   // toy runs: the lab's plots (ToyCallbacks)
        callbacks.AddRange(extra);
        var outcome = new Trainer(t.CheckpointEvery, callbacks) { DetailEvery = t.LogEvery, KeepEvery = t.KeepEvery }.Run(State, Data, cancel);
        Log.Info(outcome switch
        {
            TrainingOutcome.Completed => $"done: {State.Step} steps in {TimeSpan.FromSeconds(Math.Round(State.TrainSeconds)):g}; samples in {Directory.Samples}",
            TrainingOutcome.Cancelled => $"stopped at step {State.Step}; checkpoint saved as {Directory.LastCheckpoint}. Continue with: gan resume {Directory.Root}",
            _ => $"diverged at step {State.Step}",
        });
        return outcome;
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

    public void Dispose()
    {
        Recipe.Dispose();
        Data.Dispose();
        Dataset?.Dispose();
        Log.Dispose();
    }
}
