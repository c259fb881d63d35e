using System.CommandLine;
using GanSharp.Lab;

namespace GanSharp.Cli;

/// <summary>`gan lab table`: the options of a mode-coverage table; <see cref="CoverageTableRun"/> trains it (through `gan toy`) and writes the page.</summary>
public static class LabTableCommand
{
    public static Command Build(CliConsole console, Func<string[], int> run)
    {
        var distributions = new Option<string[]>("--distributions") { Description = "toy distributions with modes (default: ring grid)", DefaultValueFactory = _ => new[] { "ring", "grid" }, AllowMultipleArgumentsPerToken = true };
        var settings = new Option<string[]>("--setting") { Description = $"a row: NAME of a default ({string.Join(", ", CoverageSetting.Defaults.Select(s => s.Name))}) or NAME=FLAGS (gan toy flags, plus the table's own --steps N, --seeds S and --only DIST[,DIST] for a row of its own length, seed count or distributions); repeat for more (default: all defaults)" };
        var seeds = new Option<int>("--seeds") { Description = "runs per cell, seeds 0, 1, …", DefaultValueFactory = _ => 5 };
        var steps = new Option<long>("--steps") { Description = "generator steps of every run", DefaultValueFactory = _ => 5000 };
        var goal = new Option<double?>("--goal-hq") { Description = "high-quality fraction a run needs, with every mode, in the goal column (default: the distribution's goal, ring 0.95, grid 0.94)" };
        var runs = new Option<string>("--runs") { Description = "parent folder of the run folders", DefaultValueFactory = _ => "runs/lab-table" };
        var threads = new Option<int?>("--threads") { Description = "torch threads of each run (default: all cores); 1 lets two tables run side by side" };
        var noTrain = new Option<bool>("--no-train") { Description = "write the page from the runs that have finished; train nothing" };
        var fresh = new Option<bool>("--fresh") { Description = "retrain runs that already finished" };
        var output = new Option<string>("--out") { Description = "Markdown page to write (scatter plots go to images/ beside it)", DefaultValueFactory = _ => "docs/toy-coverage.md" };
        var command = new Command("table", "Mode coverage of several settings on the ring and grid over seeds, next to PacGAN's and VEEGAN's numbers, as a Markdown page.")
        {
            distributions, settings, seeds, steps, goal, runs, threads, noTrain, fresh, output,
        };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(settings) ?? Array.Empty<string>();
            var plan = new CoverageTablePlan(
                given.Length > 0 ? given.Select(CoverageSetting.Parse).ToList() : CoverageSetting.Defaults.ToList(),
                parse.GetValue(distributions)!, parse.GetValue(seeds), parse.GetValue(steps), parse.GetValue(runs)!, parse.GetValue(threads),
                parse.GetValue(noTrain), parse.GetValue(fresh), parse.GetValue(goal), parse.GetValue(output)!, given);
            bool completed = CoverageTableRun.Run(plan, run, ExitCode.IsInterrupted, console.Line, console.Error.WriteLine);
            return completed ? ExitCode.Ok : console.Interrupts.ExitCode;
        });
        return command;
    }
}
