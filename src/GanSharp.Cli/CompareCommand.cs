using GanSharp.Metrics.Runs;
using System.CommandLine;
using GanSharp.Recipes;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>
/// `gan compare FAMILY… --steps N --out docs/losses.md`: trains each family with the same seed,
/// data and number of generator steps, then writes a page with their numbers, grids and curves.
/// </summary>
public static class CompareCommand
{
    public static Command Build(CliConsole console)
    {
        var families = new Argument<string[]>("families") { Description = "families to compare (default: all but toy)", Arity = ArgumentArity.ZeroOrMore };
        var steps = new Option<long>("--steps") { Description = "generator steps for every run", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "seed shared by all runs", DefaultValueFactory = _ => 0 };
        var data = new Option<string?>("--data") { Description = "Fashion-MNIST folder or 'embedded' (default: the usual search)" };
        var runs = new Option<string>("--runs") { Description = "parent folder of the run folders", DefaultValueFactory = _ => "runs/compare" };
        var seeds = new Option<int>("--seeds") { Description = "runs per family, with seeds seed, seed + 1, … (FID is then reported as mean and spread)", DefaultValueFactory = _ => 1 };
        var evalSamples = new Option<int>("--eval-samples") { Description = "samples for FID/KID of each run at the end (0 = no evaluation)", DefaultValueFactory = _ => 0 };
        var features = new Option<string?>("--features") { Description = "feature-network weights for the evaluation (default: the embedded one)" };
        var noTrain = new Option<bool>("--no-train") { Description = "reuse the run folders already under --runs (evaluate and write the page only)" };
        var title = new Option<string>("--title") { Description = "title of the page", DefaultValueFactory = _ => "Losses and families compared" };
        var output = new Option<string>("--out") { Description = "Markdown page to write (images go to images/ beside it)", DefaultValueFactory = _ => "docs/losses.md" };
        var command = new Command("compare", "Train several families on the same budget and write a comparison page.") { families, steps, seed, seeds, evalSamples, features, data, runs, noTrain, title, output };
        command.SetAction((parse, cancel) =>
        {
            // All image families by default; the toy family trains on toy data (gan toy).
            var names = parse.GetValue(families) is { Length: > 0 } given ? given : Families.Names.Where(n => n != "toy").ToArray();
            foreach (var n in names) Families.Named(n);   // fail before training anything
            int runsPerFamily = parse.GetValue(seeds);
            if (runsPerFamily < 1) throw new GanSharpException($"--seeds must be positive, got {runsPerFamily}");
            var folders = new List<string>();
            foreach (var name in names)
                for (long runSeed = parse.GetValue(seed); runSeed < parse.GetValue(seed) + runsPerFamily; runSeed++)
                {
                    var dir = new RunDirectory(Path.Combine(parse.GetValue(runs)!, runsPerFamily == 1 ? name : $"{name}-seed{runSeed}"));
                    if (!parse.GetValue(noTrain) && Train(name, dir, parse.GetValue(steps), runSeed, parse.GetValue(data), console) is var code && ExitCode.IsInterrupted(code))
                        return Task.FromResult(code);
                    if (parse.GetValue(evalSamples) > 0)
                    {
                        var report = Metrics.Runs.RunEvaluation.EvaluateRun(dir.Root, parse.GetValue(evalSamples), runSeed, parse.GetValue(features), parse.GetValue(data));
                        console.Line($"{Path.GetFileName(dir.Root)}: FID {report.Fid:F2}, KID {report.KidMean:F4}");
                    }
                    folders.Add(dir.Root);
                }
            var page = parse.GetValue(output)!;
            ComparisonReport.Write(page, parse.GetValue(title)!,
                $"Every family with its paper's defaults (`gan list`), {parse.GetValue(steps):N0} generator steps, batch 64, " + (runsPerFamily == 1 ? $"seed {parse.GetValue(seed)}" : $"seeds {parse.GetValue(seed)}–{parse.GetValue(seed) + runsPerFamily - 1}") + ", " +
                $"on the same data, made by `gan compare {string.Join(' ', names)} --steps {parse.GetValue(steps)} --seeds {runsPerFamily} --eval-samples {parse.GetValue(evalSamples)}`. " +
                "Families with k = 5 critic steps see five times more real images per generator step. Times and images/s were measured while other jobs shared the two cores; the benchmark in the README is the place for speed.",
                folders);
            console.Line($"wrote {page}");
            return Task.FromResult(ExitCode.Ok);
        });
        return command;
    }

    /// <summary>One fresh run of a family with its defaults; returns the exit code of the training.</summary>
    private static int Train(string family, RunDirectory dir, long steps, long seed, string? data, CliConsole console)
    {
        if (Directory.Exists(dir.Root)) Directory.Delete(dir.Root, recursive: true);
        var trainer = new TrainerOptions { Steps = steps, Seed = seed, Data = data, SampleEvery = (int)Math.Max(1, steps / 4), CheckpointEvery = 500 };
        console.Line($"== {Path.GetFileName(dir.Root)} ==");
        using var session = TrainingSession.Create(Families.Named(family).Defaults, trainer, dir, console.Line);
        int code = TrainingRunner.Run(session, console);
        if (code == ExitCode.Diverged) console.Line($"{family} diverged; its last good state is still compared");
        return code;
    }
}
