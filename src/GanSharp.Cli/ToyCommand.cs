using System.CommandLine;
using GanSharp.Data;

namespace GanSharp.Cli;

/// <summary>
/// `gan toy NAME [train options]`: the toy family on a toy distribution — shorthand for
/// `gan train toy --dataset toy:NAME --steps 3000 …`; every option of gan train applies.
/// </summary>
public static class ToyCommand
{
    public static Command Build(CliConsole console, Func<string[], int> run)
    {
        var name = new Argument<string>("distribution") { Description = "toy distribution: " + string.Join(", ", ToyDistribution.All.Select(t => t.Name)) };
        name.AcceptOnlyFromAmong(ToyDistribution.All.Select(t => t.Name).ToArray());
        var command = new Command("toy", "Train MLPs on a toy distribution (ring, grid, …): scatter plots over D's output, mode coverage at the end. Takes every option of gan train.")
        {
            name,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            var rest = parse.UnmatchedTokens.ToList();
            var args = new List<string> { "train", "toy", "--dataset", "toy:" + parse.GetValue(name) };
            if (!rest.Contains("--steps") && !rest.Contains("--epochs")) args.AddRange(new[] { "--steps", "3000" });
            if (!rest.Contains("--sample-every")) args.AddRange(new[] { "--sample-every", "100" });   // 30 frames of training.gif for 3,000 steps
            args.AddRange(rest);
            return run(args.ToArray());
        });
        return command;
    }
}
