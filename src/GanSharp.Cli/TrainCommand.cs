using System.CommandLine;
using GanSharp.Recipes;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>
/// `gan train FAMILY [options]`: one subcommand per family, whose flags are generated from the
/// family's options record (with its paper's defaults, shown by `gan train FAMILY --help` and
/// `gan list`) and from the trainer's options; a flag given overrides a default.
/// </summary>
public static class TrainCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("train", "Train a GAN family on Fashion-MNIST (or stacked or toy data); writes a run folder (config, metrics, sample grids, plots, checkpoints). " +
            "Families: " + string.Join(", ", Families.Names) + "; gan train FAMILY --help lists a family's options.");
        foreach (var family in Families.All) command.Subcommands.Add(ForFamily(family, console));
        command.Validators.Add(result =>
        {
            if (!result.Children.OfType<System.CommandLine.Parsing.CommandResult>().Any())
                result.AddError("gan train needs a family; valid values: " + string.Join(", ", Families.Names.Select(n => $"'{n}'")));
        });
        return command;
    }

    /// <summary>A family's options from command-line flags alone, unvalidated: what `gan train FAMILY ARGS` would train with.</summary>
    internal static Recipes.Options.FamilyOptions OptionsFrom(Family family, params string[] args)
    {
        var flags = new OptionFlags<Recipes.Options.FamilyOptions>(family.Defaults);
        var command = new Command(family.Name);
        foreach (var option in flags.All) command.Options.Add(option);
        var parse = command.Parse(args);
        if (parse.Errors.Count > 0) throw new GanSharpException(string.Join("; ", parse.Errors.Select(e => e.Message)));
        return flags.Apply(parse, family.Defaults);
    }

    /// <summary>
    /// Checks `gan train FAMILY ARGS…` without training: the family exists, every flag parses, and
    /// the options validate; the error names what is wrong (a sweep checks all its cells before it starts).
    /// </summary>
    internal static void Check(IReadOnlyList<string> arguments)
    {
        var family = Families.All.FirstOrDefault(f => f.Name == arguments[0])
            ?? throw new GanSharpException($"no family '{arguments[0]}'; valid values: {string.Join(", ", Families.Names)}");
        var (command, resolve) = Define(family);
        var parse = command.Parse(arguments.Skip(1).ToArray());
        if (parse.Errors.Count > 0) throw new GanSharpException(string.Join("; ", parse.Errors.Select(e => e.Message)));
        var (options, trainer) = resolve(parse);
        options.Validate();
        trainer.Validated();
    }

    private static Command ForFamily(Family family, CliConsole console)
    {
        var (command, resolve) = Define(family);
        command.SetAction(parse =>
        {
            var (options, trainer) = resolve(parse);
            var parent = parse.GetValue(Runs(command))!;
            var dir = parse.GetValue(Name(command)) is string n ? RunDirectory.Named(parent, n) : RunDirectory.NewUnder(parent, family.Name);
            if (File.Exists(dir.Config))
                throw new GanSharpException($"{dir.Root} already holds a run; continue it with 'gan resume {dir.Root}' or pick another --name");
            using var session = TrainingSession.Create(options, trainer, dir, console.Line);
            return TrainingRunner.Run(session, console);
        });
        return command;
    }

    /// <summary>The family's subcommand with all its flags, and how a parse of it becomes the family's and the trainer's options.</summary>
    private static (Command Command, Func<ParseResult, (Recipes.Options.FamilyOptions, TrainerOptions)> Resolve) Define(Family family)
    {
        var familyFlags = new OptionFlags<Recipes.Options.FamilyOptions>(family.Defaults);
        var trainerDefaults = new TrainerOptions();
        var trainerFlags = new OptionFlags<TrainerOptions>(trainerDefaults);
        var runs = new Option<string>("--runs") { Description = "parent folder of run folders", DefaultValueFactory = _ => "runs" };
        var name = new Option<string?>("--name") { Description = "run folder name (default: family-date-time)" };
        var noConvCheck = new Option<bool>("--no-conv-check") { Description = "skip the float32-vs-float64 convolution check" };
        var command = new Command(family.Name, $"{family.Description} [{family.Source}]") { runs, name, noConvCheck };
        foreach (var option in trainerFlags.All.Concat(familyFlags.All)) command.Options.Add(option);
        return (command, parse => (familyFlags.Apply(parse, family.Defaults), trainerFlags.Apply(parse, trainerDefaults) with { ConvCheck = !parse.GetValue(noConvCheck) }));
    }

    private static Option<string> Runs(Command command) => (Option<string>)command.Options.Single(o => o.Name == "--runs");
    private static Option<string?> Name(Command command) => (Option<string?>)command.Options.Single(o => o.Name == "--name");
}
