using System.CommandLine;
using GanSharp.Losses;
using GanSharp.Recipes;
using GanSharp.Recipes.Options;

namespace GanSharp.Cli;

/// <summary>`gan list`: families with their sources and their own options at their defaults, losses, penalties and priors.</summary>
public static class ListCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("list", "List GAN families (with their options at their defaults), losses, penalties and priors.");
        command.SetAction(_ =>
        {
            console.Line("families (gan train FAMILY; gan train FAMILY --help explains each option):");
            foreach (var f in Families.All)
            {
                console.Line($"  {f.Name,-10} {f.Description}  [{f.Source}]");
                foreach (var line in Wrapped(FlagProperty.Of(f.OptionsType).Select(p => $"{p.Name} {OptionFlags.Text(p.Property.GetValue(f.Defaults))}"), 100))
                    console.Line($"             {line}");
            }
            console.Line("losses (--loss):");
            foreach (var o in Objective.All) console.Line($"  {o.Name,-15} {o.Description}");
            console.Line("penalties (--penalty, weight --penalty-weight):");
            console.Line("  gp              λ E(‖∇D(x̂)‖ − 1)², x̂ between real and fake (Gulrajani et al. 2017, WGAN-GP)");
            console.Line("  r1              γ/2 E‖∇D(x)‖² on real data (Mescheder et al. 2018)");
            console.Line("  r2              γ/2 E‖∇D(G(z))‖² on generated data (Mescheder et al. 2018)");
            console.Line("  dragan          λ E(‖∇D(x̂)‖ − 1)², x̂ = real + noise (Kodali et al. 2017)");
            console.Line("  --clip c        clamp D's weights to [−c, c] after each step (Arjovsky et al. 2017, WGAN)");
            console.Line("priors (--prior):");
            foreach (var p in Prior.All) console.Line($"  {p.Name,-15} {p.Description}");
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>Items joined by spaces into lines of at most <paramref name="width"/> characters.</summary>
    private static IEnumerable<string> Wrapped(IEnumerable<string> items, int width)
    {
        var line = "";
        foreach (var item in items)
        {
            if (line.Length > 0 && line.Length + 1 + item.Length > width) { yield return line; line = ""; }
            line = line.Length == 0 ? item : line + " " + item;
        }
        if (line.Length > 0) yield return line;
    }
}
