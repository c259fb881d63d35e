using GanSharp.Recipes;

namespace GanSharp.Training;

/// <summary>What callbacks see of a run in progress.</summary>
public sealed class TrainingState
{
    public required RunDirectory Directory { get; init; }
    public required IRecipe Recipe { get; init; }
    public required RunLog Log { get; init; }
    public required long TotalSteps { get; set; }
    public long Step { get; set; }
    public long Epoch { get; set; }
    /// <summary>Batches of the current epoch already consumed (with Epoch, where the data stands).</summary>
    public long BatchInEpoch { get; set; }
    /// <summary>Where every data stream stands (unpaired domains have one each).</summary>
    public IReadOnlyList<Data.StreamPosition>? Streams { get; set; }
    public long ImagesSeen { get; set; }
    /// <summary>Seconds spent training, across resumes.</summary>
    public double TrainSeconds { get; set; }
    /// <summary>Images per second over the recent steps.</summary>
    public double ImagesPerSecond { get; set; }

    /// <summary>Puts the run where a checkpoint left it: the counters here, every data stream at its saved position.</summary>
    public void ResumeAt(Checkpoint.Position position, Data.IBatches data)
    {
        data.Seek(position.StreamsFor(data));
        (Step, Epoch, BatchInEpoch, ImagesSeen, TrainSeconds, Streams) =
            (position.Step, position.Epoch, position.BatchInEpoch, position.ImagesSeen, position.TrainSeconds, data.Positions);
        Recipe.StepsDone = position.Step;
    }

    /// <summary>Where the run stands, as a checkpoint records it.</summary>
    public Checkpoint.Position Position => new(Step, Epoch, BatchInEpoch, ImagesSeen, TrainSeconds, Streams);
}

/// <summary>How a run ended.</summary>
public enum TrainingOutcome { Completed, Cancelled, Diverged }

/// <summary>Optional work around the training loop: progress, logs, grids, plots.</summary>
public interface ITrainingCallback
{
    void OnStart(TrainingState state) { }
    void OnStep(TrainingState state, StepLog log);
    void OnEnd(TrainingState state, TrainingOutcome outcome) { }
}

/// <summary>Runs a callback's OnStep every n steps (and always on the last step); OnStart and OnEnd always.</summary>
public sealed class Every(int n, ITrainingCallback inner) : ITrainingCallback
{
    public void OnStart(TrainingState state) => inner.OnStart(state);

    public void OnStep(TrainingState state, StepLog log)
    {
        if (state.Step % n == 0 || state.Step == state.TotalSteps) inner.OnStep(state, log);
    }

    public void OnEnd(TrainingState state, TrainingOutcome outcome) => inner.OnEnd(state, outcome);
}
