using System.CommandLine;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>`gan doctor RUN`: checks a run folder file by file and says what is wrong and what to do; exit 0 when nothing is, 2 otherwise.</summary>
public static class DoctorCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder" };
        var command = new Command("doctor", "Check a run folder: config, every checkpoint (checksum, and loaded into the run's networks), metrics, sample pictures, lock and leftovers.") { run };
        command.SetAction(parse =>
        {
            var findings = RunDoctor.Examine(parse.GetValue(run)!);
            foreach (var f in findings)
            {
                console.Line($"{Label(f.Severity)} {f.What}");
                if (f.Advice is not null) console.Line($"      → {f.Advice}");
            }
            int problems = findings.Count(f => f.Severity == RunDoctor.Severity.Problem);
            console.Line(problems == 0 ? "the run is healthy" : $"{problems} problem(s)");
            return problems == 0 ? ExitCode.Ok : ExitCode.Error;
        });
        return command;
    }

    private static string Label(RunDoctor.Severity s) => s switch
    {
        RunDoctor.Severity.Ok => "ok   ",
        RunDoctor.Severity.Note => "note ",
        _ => "FAIL ",
    };
}
