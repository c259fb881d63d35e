using System.CommandLine;
using System.Globalization;
using GanSharp.Lab;

namespace GanSharp.Cli;

/// <summary>
/// `gan lab table`: trains every setting on every toy distribution with several seeds (through
/// `gan toy`) and writes the mode-coverage page. Finished runs (with coverage.json) are reused,
/// so a killed table continues where it stopped; --fresh retrains everything.
/// </summary>
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
            var rows = parse.GetValue(settings) is { Length: > 0 } given ? given.Select(CoverageSetting.Parse).ToList() : CoverageSetting.Defaults.ToList();
            var names = parse.GetValue(distributions)!;
            foreach (var n in names)
                if (Data.ToyDistribution.Named(n).Centres is null) throw new GanSharpException($"{n} has no modes to count; use ring, grid or ring-unrolled");
            int seedCount = parse.GetValue(seeds);
            long stepCount = parse.GetValue(steps);
            if (seedCount < 1 || stepCount < 1) throw new GanSharpException("--seeds and --steps must be positive");
            var results = new List<CoverageRun>();
            foreach (var distribution in names)
                foreach (var setting in rows.Where(r => r.RunsOn(distribution)))
                    for (long seed = 0; seed < (setting.Seeds ?? seedCount); seed++)
                    {
                        string name = $"{distribution}-{setting.Name}-seed{seed}";
                        string folder = Path.Combine(parse.GetValue(runs)!, name);
                        var done = parse.GetValue(fresh) ? null : CoverageRun.Read(folder, setting.Name, seed);
                        if (done is not null && CoverageRunCheck.Mismatch(folder, setting, setting.Steps ?? stepCount) is string why)
                            throw new GanSharpException($"{folder} was trained with other settings than the row '{setting.Name}' ({why}): give the row another name, or pass --fresh to retrain");
                        if (done is null && parse.GetValue(noTrain))
                        {
                            console.Line($"{name}: not finished, left out (--no-train)");
                            continue;
                        }
                        if (done is null)
                        {
                            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                            console.Line($"== {name} ==");
                            long runSteps = setting.Steps ?? stepCount;                 // a row may train longer than the rest (its flags say --steps)
                            var args = new List<string> { "toy", distribution, "--seed", seed.ToString(CultureInfo.InvariantCulture),
                                "--runs", parse.GetValue(runs)!, "--name", name, "--sample-every", Math.Max(1, runSteps / 4).ToString(CultureInfo.InvariantCulture),
                                "--log-every", Math.Max(1, runSteps / 10).ToString(CultureInfo.InvariantCulture), "--checkpoint-every", Math.Min(runSteps, 5000).ToString(CultureInfo.InvariantCulture) };
                            if (setting.Steps is null) args.AddRange(new[] { "--steps", stepCount.ToString(CultureInfo.InvariantCulture) });
                            if (parse.GetValue(threads) is int t) args.AddRange(new[] { "--threads", t.ToString(CultureInfo.InvariantCulture) });
                            args.AddRange(setting.Arguments);
                            int code = run(args.ToArray());
                            if (code == ExitCode.Interrupted) return code;
                            done = CoverageRun.Read(folder, setting.Name, seed);
                            if (done is null) { console.Error.WriteLine($"warning: {name} ended without a coverage measurement (exit code {code}); left out of the table"); continue; }
                        }
                        console.Line($"{name}: {done.ModesCaptured}/{done.Modes} modes, {done.HighQuality:P1} high quality, reverse KL {(done.ReverseKl is double kl ? kl.ToString("F3", CultureInfo.InvariantCulture) : "–")}");
                        results.Add(done);
                    }
            string page = parse.GetValue(output)!;
            string intro = $"Made by `gan lab table --steps {stepCount} --seeds {seedCount} --distributions {string.Join(' ', names)}" +
                string.Concat(parse.GetValue(settings) is { Length: > 0 } s ? s.Select(x => $" --setting \"{x}\"") : Array.Empty<string>()) + "`: " +
                $"`gan toy` runs of {stepCount:N0} generator steps, seeds 0–{seedCount - 1} (unless a row's flags give its own --steps or --seeds), each measured on 2,500 samples as in PacGAN and VEEGAN " +
                "(high quality: within 3σ of the nearest centre; a mode is captured when it is the nearest centre of a high-quality sample; reverse KL of the high-quality samples' mode histogram to uniform, left out for runs without high-quality samples). " +
                "Values are mean ± standard deviation over seeds. The pictures are the last scatter plot of seed 0.";
            CoverageTable.Write(page, intro, rows, results, parse.GetValue(goal));
            console.Line($"wrote {page}");
            return ExitCode.Ok;
        });
        return command;
    }
}
