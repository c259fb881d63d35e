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
    private readonly RunLock runLock;

    private TrainingSession(RunDirectory dir, RunLock runLock, RunConfig config, IRecipe recipe, RunData data, RunLog log)
    {
        (Directory, this.runLock, Config, Recipe, Dataset, Toy, Data, RealImages, Examples, Log) = (dir, runLock, config, recipe, data.Images, data.Toy, data.Batches, data.RealImages, data.Examples, log);
        State = new TrainingState { Directory = dir, Recipe = recipe, Log = log, TotalSteps = config.TotalSteps };
        if (recipe is ILrSchedule scheduled) scheduled.DecayHorizon = config.TotalSteps;    // --lr-decay linear reaches 0 at the run's end
    }

    /// <summary>Starts a new run in <paramref name="dir"/>; <paramref name="console"/> receives messages.</summary>
    public static TrainingSession Create(FamilyOptions options, TrainerOptions trainer, RunDirectory dir, Action<string> console)
    {
        options.Validate();
        trainer = trainer.Validated();
        dir.Create();
        return UnderLock(dir, runLock => CreateLocked(options, trainer, dir, runLock, new RunLog(dir.Log, console)));
    }

    /// <summary>Opens a session holding the run's lock, which it releases when disposed (or at once, if opening fails).</summary>
    private static TrainingSession UnderLock(RunDirectory dir, Func<RunLock, TrainingSession> open)
    {
        var runLock = RunLock.Take(dir);
        try
        {
            return open(runLock);
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    private static TrainingSession CreateLocked(FamilyOptions options, TrainerOptions trainer, RunDirectory dir, RunLock runLock, RunLog log)
    {
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
        return new TrainingSession(dir, runLock, config, recipe, data, log);
    }

    /// <summary>
    /// Continues a run from checkpoints/last.ckpt (or previous.ckpt, with a warning, if the last
    /// one is corrupt). <paramref name="totalSteps"/> extends the run past its planned length.
    /// </summary>
    public static TrainingSession Resume(string runFolder, Action<string> console, long? totalSteps = null, int? threads = null, ResumeChanges? changes = null)
    {
        var dir = new RunDirectory(runFolder);
        var stored = RunConfig.Load(dir.Config);
        changes = (changes ?? new ResumeChanges()) with { Threads = threads ?? changes?.Threads };
        return UnderLock(dir, runLock => ResumeLocked(dir, stored, runLock, console, totalSteps, changes));
    }

    private static TrainingSession ResumeLocked(RunDirectory dir, RunConfig stored, RunLock runLock, Action<string> console, long? totalSteps, ResumeChanges changes)
    {
        var (options, trainer, changed) = changes.ApplyTo(stored.Options, stored.Trainer);
        stored = stored with { Options = options, Trainer = trainer };
        var log = new RunLog(dir.Log, console);
        if (dir.RemoveLeftovers() is { Count: > 0 } left)
            log.Info($"removed {left.Count} partial file(s) of {left.Bytes / 1e6:N1} MB that a kill during a write left behind");
        var (recipe, _, data, runtime, conv) = RunAssembly.Assemble(stored.Options, stored.Trainer, log, fitToData: false);
        var position = LoadNewestGood(dir, recipe, log);
        var (ganSharp, torchSharp) = (RunConfig.Version(typeof(Gan)), RunConfig.Version(typeof(torch)));
        if (stored.GanSharpVersion != ganSharp || stored.TorchSharpVersion != torchSharp)
            log.Info($"warning: the run was made by GanSharp {stored.GanSharpVersion} with TorchSharp {stored.TorchSharpVersion}, this is GanSharp {ganSharp} with TorchSharp {torchSharp}; " +
                "it continues, but a bit-identical continuation is promised only within one version");
        if (data.Source != stored.DataSource)   // a folder with files added or removed: the same indices mean other images
            log.Info($"warning: the data now reads as \"{data.Source}\", the run was made on \"{stored.DataSource}\"; it continues, but not as it would have");
        var config = stored with
        {
            TotalSteps = totalSteps ?? stored.TotalSteps, Runtime = runtime, ConvolutionCheck = conv,
            Changes = changed.Count == 0 ? stored.Changes : (stored.Changes ?? Array.Empty<string>()).Append($"step {position.Step}: {string.Join(", ", changed)}").ToList(),
        };
        if (config.TotalSteps <= position.Step)
            throw new GanSharpException($"{dir.Root} is already at step {position.Step} of {config.TotalSteps}; pass --steps N (N > {position.Step}) to train further");
        config.Save(dir.Config);
        var session = new TrainingSession(dir, runLock, config, recipe, data, log);
        session.State.ResumeAt(position, data.Batches);
        log.Info($"resumed {dir.Root} at step {position.Step} of {config.TotalSteps}" + (changed.Count > 0 ? $", with {string.Join(", ", changed)}" : ""));
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
            TrainingOutcome.Completed => $"{RunActivity.DoneMessage}{State.Step} steps in {TimeSpan.FromSeconds(Math.Round(State.TrainSeconds)):g}; samples in {Directory.Samples}",
            TrainingOutcome.Cancelled => $"{RunActivity.StoppedMessage}{State.Step}; checkpoint saved as {Directory.LastCheckpoint}. Continue with: gan resume {Directory.Root}",
            _ => File.Exists(Directory.LastCheckpoint)
                ? $"{RunActivity.DivergedMessage}{State.Step}. Continue from the last good checkpoint with lower learning rates, e.g. gan resume {Directory.Root} {LowerRates()}"
                : $"{RunActivity.DivergedMessage}{State.Step}, before its first checkpoint. Start again with lower learning rates, e.g. {LowerRates()}",
        });
        return outcome;
    }

    /// <summary>The run's learning rates divided by 10, as flags: the first thing to try after a divergence.</summary>
    private string LowerRates() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"--lr-g {Config.Options.LrG / 10:G3} --lr-d {Config.Options.LrD / 10:G3}");

    /// <summary>
    /// The newest checkpoint that verifies: last.ckpt.new (complete, when a kill came between its
    /// write and its rename into place), then last.ckpt, then previous.ckpt; each one passed over is named.
    /// </summary>
    private static Checkpoint.Position LoadNewestGood(RunDirectory dir, IRecipe recipe, RunLog log)
    {
        var candidates = new[] { dir.LastCheckpoint + ".new", dir.LastCheckpoint, dir.PreviousCheckpoint };
        var problems = new List<string>();
        foreach (var path in candidates.Where(p => File.Exists(p) || System.IO.Directory.Exists(p)))
        {
            try
            {
                var position = Checkpoint.Load(path, recipe);   // verifies the whole file before it touches the recipe
                if (problems.Count > 0) log.Info($"warning: {string.Join("; ", problems)}; resuming from the good checkpoint {path}");
                else if (path != dir.LastCheckpoint) log.Info($"resuming from {path}, the newest checkpoint (a stop came between its write and its rename)");
                return position;
            }
            catch (CheckpointException e)
            {
                problems.Add(e.Message);
            }
        }
        throw new GanSharpException(problems.Count == 0
            ? $"{dir.Checkpoints}: no checkpoint yet (the run stopped before its first one); start it again with gan train"
            : $"{dir.Checkpoints}: no intact checkpoint ({string.Join("; ", problems)})");
    }

    public void Dispose()
    {
        Recipe.Dispose();
        Data.Dispose();
        Dataset?.Dispose();
        Log.Dispose();
        runLock.Dispose();
    }
}
