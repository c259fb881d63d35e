using System.CommandLine;
using GanSharp.Losses;
using GanSharp.Recipes;

namespace GanSharp.Cli;

/// <summary>`gan list`: families with their sources and defaults, losses, penalties and priors.</summary>
public static class ListCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("list", "List GAN families (with their defaults), losses, penalties and priors.");
        command.SetAction(_ =>
        {
            console.Line("families (gan train FAMILY):");
            foreach (var f in Families.All)
            {
                var d = f.Defaults;
                console.Line($"  {f.Name,-9} {f.Description}  [{f.Source}]");
                string specific = d.Recipe switch
                {
                    "began" => $"autoencoder D --code-size {d.CodeSize} --began-gamma {d.BeganGamma} --began-lambda-k {d.BeganLambdaK}",
                    "ebgan" => $"autoencoder D --code-size {d.CodeSize} --ebgan-margin {d.EbganMargin} --ebgan-pull-away {d.EbganPullAway}",
                    _ => $"--d-norm {d.DNorm} --spectral-norm {d.SpectralNorm.ToString().ToLowerInvariant()} --loss {d.Loss} --penalty {d.Penalty}",
                };
                console.Line($"            --networks {d.Networks} --width {d.Width} {specific}" +
                             (d.Penalty == "none" ? "" : $" --penalty-weight {d.PenaltyWeight}") + (d.Clip is double c ? $" --clip {c}" : "") +
                             $" --d-steps {d.DSteps} --optimizer {d.Optimizer} --lr-g {d.LrG} --lr-d {d.LrD}" +
                             (d.Optimizer == "adam" ? $" --beta1 {d.Beta1} --beta2 {d.Beta2}" : "") + $" --batch-size {d.BatchSize}");
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
            console.Line("run 'gan train --help' for every option");
            return ExitCode.Ok;
        });
        return command;
    }
}
