using System.CommandLine;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>`gan resume RUN [--steps N] [--lr-d X …]`: continue a run from its last good checkpoint, with the changes a resume may make.</summary>
public static class ResumeCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder (holds config.json and checkpoints/)" };
        var steps = new Option<long?>("--steps") { Description = "new total number of steps (to train past the planned end)" };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads for this session (default: the run's own setting)" };
        var lrG = new Option<double?>("--lr-g") { Description = "new learning rate of G from here on (after a divergence: lower it)" };
        var lrD = new Option<double?>("--lr-d") { Description = "new learning rate of D from here on" };
        var cadences = new[] { "--log-every", "--sample-every", "--checkpoint-every", "--keep-every", "--eval-every", "--eval-samples" }
            .ToDictionary(flag => flag, flag => new Option<int?>(flag) { Description = $"new {flag} from here on" });
        var command = new Command("resume", "Continue a stopped or finished run where its last checkpoint left it. Only what cannot undo what the run learnt may change: " +
            "--steps, --threads, the learning rates and the cadences; config.json records each change.") { run, steps, threads, lrG, lrD };
        foreach (var option in cadences.Values) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var changes = new ResumeChanges
            {
                LrG = parse.GetValue(lrG), LrD = parse.GetValue(lrD),
                LogEvery = parse.GetValue(cadences["--log-every"]), SampleEvery = parse.GetValue(cadences["--sample-every"]),
                CheckpointEvery = parse.GetValue(cadences["--checkpoint-every"]), KeepEvery = parse.GetValue(cadences["--keep-every"]),
                EvalEvery = parse.GetValue(cadences["--eval-every"]), EvalSamples = parse.GetValue(cadences["--eval-samples"]),
            };
            using var session = TrainingSession.Resume(parse.GetValue(run)!, console.Line, parse.GetValue(steps), parse.GetValue(threads), changes);
            return TrainingRunner.Run(session, console);
        });
        return command;
    }
}
