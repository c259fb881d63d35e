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

    private static Command ForFamily(Family family, CliConsole console)
    {
        var familyFlags = new OptionFlags<Recipes.Options.FamilyOptions>(family.Defaults);
        var trainerDefaults = new TrainerOptions();
        var trainerFlags = new OptionFlags<TrainerOptions>(trainerDefaults);
        var runs = new Option<string>("--runs") { Description = "parent folder of run folders", DefaultValueFactory = _ => "runs" };
        var name = new Option<string?>("--name") { Description = "run folder name (default: family-date-time)" };
        var noConvCheck = new Option<bool>("--no-conv-check") { Description = "skip the float32-vs-float64 convolution check" };
        var command = new Command(family.Name, $"{family.Description} [{family.Source}]") { runs, name, noConvCheck };
        foreach (var option in trainerFlags.All.Concat(familyFlags.All)) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var options = familyFlags.Apply(parse, family.Defaults);
            var trainer = trainerFlags.Apply(parse, trainerDefaults) with { ConvCheck = !parse.GetValue(noConvCheck) };
            var parent = parse.GetValue(runs)!;
            var dir = parse.GetValue(name) is string n ? RunDirectory.Named(parent, n) : RunDirectory.NewUnder(parent, family.Name);
            if (File.Exists(dir.Config))
                throw new GanSharpException($"{dir.Root} already holds a run; continue it with 'gan resume {dir.Root}' or pick another --name");
            using var session = TrainingSession.Create(options, trainer, dir, console.Line);
            return TrainingRunner.Run(session, console);
        });
        return command;
    }
}
