using System.Globalization;
using GanSharp.Recipes;

namespace GanSharp.Training.Callbacks;

/// <summary>
/// Progress as plain lines (for logs, CI and pipes): step, percentage, epoch, the step's
/// numbers, throughput and the estimated time left.
/// </summary>
public sealed class PlainProgress(Action<string> write) : ITrainingCallback
{
    private long startStep;
    private double startSeconds;

    public void OnStart(TrainingState state) => (startStep, startSeconds) = (state.Step, state.TrainSeconds);

    public void OnStep(TrainingState state, StepLog log) => write(Line(state, log, startStep, startSeconds));

    /// <summary>"step 500/2000 (25%) epoch 0 | loss/d 1.234 … | 1,234 img/s | ETA 0:01:23".</summary>
    public static string Line(TrainingState state, StepLog log, long startStep, double startSeconds)
    {
        double percent = 100.0 * state.Step / state.TotalSteps;
        double perStep = (state.TrainSeconds - startSeconds) / Math.Max(1, state.Step - startStep);
        var eta = TimeSpan.FromSeconds(Math.Round(perStep * (state.TotalSteps - state.Step)));
        string numbers = string.Join("  ", log.Select(kv => $"{kv.Key} {kv.Value.ToString("0.000", CultureInfo.InvariantCulture)}"));
        return $"step {state.Step}/{state.TotalSteps} ({percent:0}%) epoch {state.Epoch} | {numbers} | {state.ImagesPerSecond:N0} img/s | ETA {eta:g}";
    }
}
