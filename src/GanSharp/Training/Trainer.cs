using GanSharp.Data;
using System.Diagnostics;
using static TorchSharp.torch;

namespace GanSharp.Training;

/// <summary>
/// The loop, in a fixed order: one recipe step inside its own dispose scope (memory stays flat),
/// the NaN stop, callbacks, atomic checkpoints. It never knows which loss is in use.
/// </summary>
public sealed class Trainer(int checkpointEvery, IReadOnlyList<ITrainingCallback> callbacks)
{
    /// <summary>Whether the last step is always checkpointed (the benchmark turns this off to time steps alone).</summary>
    public bool CheckpointLastStep { get; init; } = true;

    /// <summary>Steps between detailed step logs (gradient norms); set it to the logging cadence.</summary>
    public int DetailEvery { get; init; } = 1;

    /// <summary>Steps between checkpoints copied to checkpoints/step-N.ckpt and never replaced (0: none).</summary>
    public int KeepEvery { get; init; }

    /// <summary>Trains from <paramref name="state"/>.Step to its TotalSteps.</summary>
    public TrainingOutcome Run(TrainingState state, IBatches data, CancellationToken cancel = default)
    {
        foreach (var c in callbacks) c.OnStart(state);
        var clock = Stopwatch.StartNew();
        double rateWindowStart = 0;
        long rateImagesStart = state.ImagesSeen, lastCheckpoint = state.Step;
        var outcome = TrainingOutcome.Completed;
        while (state.Step < state.TotalSteps)
        {
            if (cancel.IsCancellationRequested) { outcome = TrainingOutcome.Cancelled; break; }
            double before = clock.Elapsed.TotalSeconds;
            Recipes.StepLog log;
            bool detailed = (state.Step + 1) % DetailEvery == 0 || state.Step + 1 == state.TotalSteps;
            using (NewDisposeScope()) log = state.Recipe.Step(data, detailed);
            state.TrainSeconds += clock.Elapsed.TotalSeconds - before;
            state.Step++;
            state.Epoch = data.Epoch;
            state.BatchInEpoch = data.BatchInEpoch;
            state.Streams = data.Positions;
            state.ImagesSeen += state.Recipe.ImagesPerStep;
            if (log.Divergence() is string why)
            {
                StopDiverged(state, why, lastCheckpoint);
                outcome = TrainingOutcome.Diverged;
                break;
            }
            if (clock.Elapsed.TotalSeconds - rateWindowStart >= 2 || state.ImagesPerSecond == 0)
            {
                state.ImagesPerSecond = (state.ImagesSeen - rateImagesStart) / Math.Max(1e-9, clock.Elapsed.TotalSeconds - rateWindowStart);
                (rateWindowStart, rateImagesStart) = (clock.Elapsed.TotalSeconds, state.ImagesSeen);
            }
            foreach (var c in callbacks) c.OnStep(state, log);
            bool keep = KeepEvery > 0 && state.Step % KeepEvery == 0;
            if (state.Step % checkpointEvery == 0 || keep || (CheckpointLastStep && state.Step == state.TotalSteps))
            {
                if (NonFiniteParameters(state.Recipe) is string where)   // never let a broken state replace a good checkpoint
                {
                    StopDiverged(state, where, lastCheckpoint);
                    outcome = TrainingOutcome.Diverged;
                    break;
                }
                SaveCheckpoint(state, data);
                lastCheckpoint = state.Step;
            }
            if (keep) Keep(state);
        }
        if (outcome == TrainingOutcome.Cancelled && lastCheckpoint != state.Step)
        {
            if (NonFiniteParameters(state.Recipe) is string where)
            {
                StopDiverged(state, where, lastCheckpoint);
                outcome = TrainingOutcome.Diverged;
            }
            else SaveCheckpoint(state, data);
        }
        foreach (var c in callbacks) c.OnEnd(state, outcome);
        return outcome;
    }

    /// <summary>Says why the run stopped and which checkpoint is the last good one (or that none was written yet).</summary>
    private void StopDiverged(TrainingState state, string why, long lastCheckpoint)
    {
        bool saved = lastCheckpoint > 0 && File.Exists(state.Directory.LastCheckpoint);
        state.Log.Info($"step {state.Step}: {why}; training stopped. " + (saved
            ? $"The last good checkpoint is {Relative(state, state.Directory.LastCheckpoint)} (step {lastCheckpoint})."
            : $"No checkpoint was written before (the first was due at step {Math.Min(checkpointEvery, state.TotalSteps)})."));
    }

    /// <summary>The first network whose parameters or buffers hold a NaN or infinity, named, or null.</summary>
    private static string? NonFiniteParameters(Recipes.IRecipe recipe)
    {
        using var scope = NewDisposeScope();
        foreach (var m in recipe.State.Modules)
            foreach (var (name, tensor) in m.Module.state_dict())
                if (tensor.is_floating_point() && !isfinite(tensor).all().item<bool>())
                    return $"{m.Name}'s {name} holds NaN or infinite values";
        return null;
    }

    private static void SaveCheckpoint(TrainingState state, IBatches data)
    {
        Checkpoint.Save(state.Directory.LastCheckpoint, state.Position, state.Recipe);
        // A checkpoint's buffers (the payload, each tensor's bytes) live on the large-object heap,
        // which a GC does not compact by default: without this, RSS grew by a checkpoint's size every few saves.
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect();
    }

    /// <summary>A copy of last.ckpt as step-N.ckpt, written to a temporary name and renamed (atomic as every checkpoint).</summary>
    private static void Keep(TrainingState state)
    {
        string kept = Path.Combine(state.Directory.Checkpoints, $"step-{state.Step:D6}.ckpt"), partial = kept + ".partial";
        File.Copy(state.Directory.LastCheckpoint, partial, overwrite: true);
        File.Move(partial, kept, overwrite: true);
    }

    private static string Relative(TrainingState state, string path) => Path.GetRelativePath(state.Directory.Root, path);
}
