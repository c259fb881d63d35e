using System.CommandLine;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>`gan resume RUN [--steps N]`: continue a run from its last good checkpoint.</summary>
public static class ResumeCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder (holds config.json and checkpoints/)" };
        var steps = new Option<long?>("--steps") { Description = "new total number of steps (to train past the planned end)" };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads for this session (default: the run's own setting)" };
        var command = new Command("resume", "Continue a stopped or finished run where its last checkpoint left it.") { run, steps, threads };
        command.SetAction(parse =>
        {
            using var session = TrainingSession.Resume(parse.GetValue(run)!, console.Line, parse.GetValue(steps), parse.GetValue(threads));
            return TrainingRunner.Run(session, console);
        });
        return command;
    }
}
