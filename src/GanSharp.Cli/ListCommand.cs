using System.CommandLine;
using GanSharp.Losses;
using GanSharp.Recipes;

namespace GanSharp.Cli;

/// <summary>`gan list`: the families, losses and priors GanSharp offers, with their defaults.</summary>
public static class ListCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("list", "List GAN families, generator losses, priors and their defaults.");
        command.SetAction(_ =>
        {
            console.Line("families (gan train FAMILY):");
            console.Line("  vanilla   the book's MLP GAN (004): G 100→500→500→784 (LeakyReLU, tanh), D 784→500→500→1; 28×28");
            console.Line("  dcgan     DCGAN (Radford et al. 2015; 001): strided (transposed) convolutions, batch norm, ReLU/LeakyReLU 0.2, tanh; 28 or 64 px");
            console.Line("generator losses (--g-loss):");
            foreach (var o in Objective.All) console.Line($"  {o.Name,-15} {o.Description}");
            console.Line("priors (--prior):");
            foreach (var p in Prior.All) console.Line($"  {p.Name,-15} {p.Description}");
            foreach (var family in GanOptions.Families)
            {
                var d = GanOptions.DefaultsFor(family);
                console.Line($"defaults for {family}: --latent-size {d.LatentSize} --width {d.Width} --resolution {d.Resolution} --d-steps {d.DSteps} " +
                             $"--g-loss {d.GLoss} --batch-size {d.BatchSize} --lr-g {d.LrG} --lr-d {d.LrD} --beta1 {d.Beta1} --beta2 {d.Beta2}");
            }
            console.Line("run 'gan train --help' for every option");
            return GanCli.Ok;
        });
        return command;
    }
}
