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
        var families = new Argument<string[]>("families") { Description = "families to compare (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var steps = new Option<long>("--steps") { Description = "generator steps for every run", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "seed shared by all runs", DefaultValueFactory = _ => 0 };
        var data = new Option<string?>("--data") { Description = "Fashion-MNIST folder or 'embedded' (default: the usual search)" };
        var runs = new Option<string>("--runs") { Description = "parent folder of the run folders", DefaultValueFactory = _ => "runs/compare" };
        var output = new Option<string>("--out") { Description = "Markdown page to write (images go to images/ beside it)", DefaultValueFactory = _ => "docs/losses.md" };
        var command = new Command("compare", "Train several families on the same budget and write a comparison page.") { families, steps, seed, data, runs, output };
        command.SetAction((parse, cancel) =>
        {
            var names = parse.GetValue(families) is { Length: > 0 } given ? given : Families.Names.ToArray();
            foreach (var n in names) Families.Named(n);   // fail before training anything
            var folders = new List<string>();
            foreach (var name in names)
            {
                var dir = new RunDirectory(Path.Combine(parse.GetValue(runs)!, name));
                if (Directory.Exists(dir.Root)) Directory.Delete(dir.Root, recursive: true);
                var trainer = new TrainerOptions
                {
                    Steps = parse.GetValue(steps), Seed = parse.GetValue(seed), Data = parse.GetValue(data),
                    SampleEvery = (int)Math.Max(1, parse.GetValue(steps) / 4), CheckpointEvery = 500,
                };
                console.Line($"== {name} ==");
                using var session = TrainingSession.Create(Families.Named(name).Defaults, trainer, dir, console.Line);
                int code = TrainingRunner.Run(session, console, cancel);
                if (code == GanCli.Interrupted) return Task.FromResult(code);
                if (code != GanCli.Ok) console.Line($"{name} diverged; its last good state is still compared");
                folders.Add(dir.Root);
            }
            var page = parse.GetValue(output)!;
            ComparisonReport.Write(page, "Losses and families compared",
                $"Every family with its paper's defaults (`gan list`), DCGAN-sized networks, {parse.GetValue(steps):N0} generator steps, batch 64, seed {parse.GetValue(seed)}, " +
                $"on the same data, made by `gan compare {string.Join(' ', names)} --steps {parse.GetValue(steps)}`. Families with k = 5 critic steps see five times more real images per generator step.",
                folders);
            console.Line($"wrote {page}");
            return Task.FromResult(GanCli.Ok);
        });
        return command;
    }
}
