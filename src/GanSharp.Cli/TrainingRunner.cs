using GanSharp.Recipes;
using GanSharp.Training;
using GanSharp.Training.Callbacks;
using Spectre.Console;

namespace GanSharp.Cli;

/// <summary>Runs a session with the right progress display and turns its outcome into an exit code.</summary>
public static class TrainingRunner
{
    public static int Run(TrainingSession session, CliConsole console, CancellationToken cancel)
    {
        TrainingOutcome outcome;
        if (console.IsTerminal)
        {
            outcome = AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                         new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("training", maxValue: session.State.TotalSteps);
                    task.Value = session.State.Step;
                    return session.Train(new[] { new LiveProgress(task) }, cancel);
                });
        }
        else
        {
            outcome = session.Train(new[] { new Every(session.Config.Trainer.LogEvery, new PlainProgress(console.Line)) }, cancel);
        }
        return outcome switch
        {
            TrainingOutcome.Completed => GanCli.Ok,
            TrainingOutcome.Cancelled => GanCli.Interrupted,
            _ => GanCli.Diverged,
        };
    }

    /// <summary>Moves the bar every step; shows step, losses and throughput in its description.</summary>
    private sealed class LiveProgress(ProgressTask task) : ITrainingCallback
    {
        public void OnStep(TrainingState state, StepLog log)
        {
            task.Value = state.Step;
            if (state.Step % 10 != 0 && state.Step != state.TotalSteps) return;
            string Get(string key) => log.TryGetValue(key, out var v) ? v.ToString("0.000") : "–";
            task.Description = Markup.Escape(
                $"step {state.Step}/{state.TotalSteps}  D {Get("loss/d")}  G {Get("loss/g")}  D(x) {Get("d/real")}  D(G(z)) {Get("d/fake")}  {state.ImagesPerSecond:N0} img/s");
        }
    }
}
