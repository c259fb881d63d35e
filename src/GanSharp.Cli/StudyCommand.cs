using System.CommandLine;
using System.Globalization;
using GanSharp.Serve;
using GanSharp.Serve.Study;

namespace GanSharp.Cli;

/// <summary>`gan study create` and `gan study results`: a user study over runs, rated in `gan serve`'s pages.</summary>
public static class StudyCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("study", "A user study (after HYPE): people shown real and generated images say which is which; fooling rates with 95 % intervals.");
        command.Subcommands.Add(Create(console));
        command.Subcommands.Add(Results(console));
        return command;
    }

    private static Command Create(CliConsole console)
    {
        var runFolders = new Argument<string[]>("runs") { Description = "run folders, all directly in one runs folder", Arity = ArgumentArity.OneOrMore };
        var name = new Option<string>("--name") { Description = "the study's name (letters, digits, - and _)", Required = true };
        var images = new Option<int>("--images") { Description = "generated images per run, and as many real ones of its data", DefaultValueFactory = _ => 50 };
        var mode = new Option<string>("--mode") { Description = "single: one image, real or fake (HYPE∞); pair: which of two is real", DefaultValueFactory = _ => StudyModes.Single };
        var seconds = new Option<double>("--seconds") { Description = "how long each image shows (0: until answered; HYPE's time-limited form uses 0.5 to 1)", DefaultValueFactory = _ => 0 };
        var seed = new Option<long>("--seed") { Description = "seed of the samples, the real images drawn and their order", DefaultValueFactory = _ => 0 };
        var command = new Command("create", "Draw each run's samples and real images into a new study in RUNS/studies.db; rate it in gan serve.")
            { runFolders, name, images, mode, seconds, seed };
        command.SetAction(parse =>
        {
            var folders = parse.GetValue(runFolders)!;
            var runs = new RunsFolder(Path.GetDirectoryName(Path.GetFullPath(folders[0]).TrimEnd('/')) ?? ".");
            var study = StudyCreation.Create(runs, folders, parse.GetValue(name)!, parse.GetValue(mode)!, parse.GetValue(seconds), parse.GetValue(images), parse.GetValue(seed), console.Line);
            console.Line($"study {study.Name}: {study.Images:N0} images of {study.Runs.Count} run(s), {study.Mode} mode, in {Path.Combine(runs.Root, StudyStore.FileName)}");
            console.Line($"rate it: gan serve --runs {runs.Root}, then open #/study/{study.Name}; results: gan study results {study.Name} --runs {runs.Root}");
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command Results(CliConsole console)
    {
        var name = new Argument<string>("study") { Description = "the study's name" };
        var runs = new Option<string>("--runs") { Description = "the runs folder holding studies.db", DefaultValueFactory = _ => "runs" };
        var csv = new Option<string?>("--csv") { Description = "also write every rating to this CSV file" };
        var command = new Command("results", "Fooling rates per run (and per class) with Wilson 95 % intervals, HYPE∞ error, agreement between raters.") { name, runs, csv };
        command.SetAction(parse =>
        {
            var folder = new RunsFolder(parse.GetValue(runs)!);
            var path = Path.Combine(folder.Root, StudyStore.FileName);
            if (!File.Exists(path)) throw new GanSharpException($"{path}: no studies yet (gan study create makes one)");
            var store = StudyStore.Open(path);
            var study = store.Find(parse.GetValue(name)) ?? throw new GanSharpException($"{path} has no study named {parse.GetValue(name)}; it has: {string.Join(", ", store.Studies().Select(s => s.Name))}");
            var ratings = new StudyTrials(store).Ratings(study);
            Print(console, StudyResults.Of(study, ratings));
            if (parse.GetValue(csv) is { } file)
            {
                AtomicFile.WriteAllText(file, StudyResults.Csv(study, ratings));
                console.Line($"{ratings.Count:N0} ratings written to {file}");
            }
            return ExitCode.Ok;
        });
        return command;
    }

    private static void Print(CliConsole console, StudyResults r)
    {
        console.Line($"{r.Study} ({r.Mode} mode): {r.Ratings:N0} ratings by {r.RatingsPerRater.Count} rater(s)");
        foreach (var run in r.Runs)
        {
            console.Line($"  {run.Run}: fooled {Text(run.Fooling)}" + (run.RealCalledReal is { } real ? $"; real called real {Text(real)}; HYPE∞ error {Text(run.Error)}" : ""));
            foreach (var c in run.Classes) console.Line($"    {c.Name ?? c.Label.ToString(CultureInfo.InvariantCulture)}: fooled {Text(c.Fooling)}");
        }
        console.Line(r.Agreement is double k ? $"  agreement: Fleiss' κ {k:F3} over {r.ItemsInAgreement} images rated by two or more" : "  agreement: no image was rated by two or more raters");
    }

    private static string Text(Proportion p) =>
        p.Rate is double rate ? string.Create(CultureInfo.InvariantCulture, $"{p.Count}/{p.Trials} = {100 * rate:F1} % (95 % CI {100 * p.Low:F1}–{100 * p.High:F1} %)") : "no trials yet";
}
