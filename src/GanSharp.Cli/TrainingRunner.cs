using GanSharp.Features;
using GanSharp.Metrics.Runs;
using GanSharp.Metrics;
using GanSharp.Recipes;
using GanSharp.Training;
using GanSharp.Training.Callbacks;
using Spectre.Console;

namespace GanSharp.Cli;

/// <summary>Runs a session with the right progress display and turns its outcome into an exit code.</summary>
public static class TrainingRunner
{
    public static int Run(TrainingSession session, CliConsole console)
    {
        using var listening = console.Interrupts.Listen();
        var cancel = console.Interrupts.Token;
        var first = GanSharp.Lab.ToyCallbacks.For(session).Concat(Evaluators(session, console)).ToArray();
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
                    return session.Train(new[] { new LiveProgress(task) }, cancel, first);
                });
        }
        else
        {
            outcome = session.Train(new[] { new Every(session.Config.Trainer.LogEvery, new PlainProgress(console.Line)) }, cancel, first);
        }
        return outcome switch
        {
            TrainingOutcome.Completed => ExitCode.Ok,
            TrainingOutcome.Cancelled => console.Interrupts.ExitCode,
            _ => ExitCode.Diverged,
        };
    }

    /// <summary>FID/KID during training when --eval-every is set: against as many training images as samples (at least 1,000).</summary>
    private static ITrainingCallback[] Evaluators(TrainingSession session, CliConsole console)
    {
        var t = session.Config.Trainer;
        if (t.EvalEvery == 0) return Array.Empty<ITrainingCallback>();
        if (session.Toy is not null) throw new GanSharpException("--eval-every measures images; toy runs report mode coverage instead");
        if (session.Config.Options.TrainsOnPairs) throw new GanSharpException($"--eval-every measures samples of noise; {session.Config.Family} translates pairs: measure it with gan eval RUN");
        int side = session.Config.Options.Resolution, channels = session.Config.Options.Channels;
        var (net, name) = t.IsShapes ? Voxels(t, side) : FeatureNetworks.Load(t.Features ?? (t.IsImageFolder
            ? FeatureStore.FindFor(t, channels, side) : null));
        using var real = session.Dataset is { Images: var images }
            ? RandomSubset(images, Math.Min(Math.Max(t.EvalSamples, 1000), images.shape[0]), t.Seed)
            : session.RealImages!(Math.Max(t.EvalSamples, 1000));
        long n = real.shape[0];
        console.Line($"evaluating every {t.EvalEvery} steps: FID and KID of {t.EvalSamples:N0} samples against {n:N0} training images, {name}");
        return new ITrainingCallback[] { new Every(t.EvalEvery, new FidDuringTraining(net, real, t.EvalSamples, t.Seed)) };
    }

    /// <summary>Voxel runs measure in the voxel classifier `gan features train --data shapes` made.</summary>
    private static (IFeatureExtractor, string) Voxels(GanSharp.Training.TrainerOptions t, int side)
    {
        var (net, _, description) = VoxelClassifierTraining.LoadFor(t.Data!, side, t.Features);
        return (net, description);
    }

    private static TorchSharp.torch.Tensor RandomSubset(TorchSharp.torch.Tensor images, long n, long seed)
    {
        using var g = new TorchSharp.torch.Generator((ulong)seed);
        return images.index_select(0, TorchSharp.torch.randperm(images.shape[0], generator: g).narrow(0, 0, n));
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
