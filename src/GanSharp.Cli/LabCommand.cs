using System.CommandLine;
using GanSharp.Lab;

namespace GanSharp.Cli;

/// <summary>`gan lab xy`, `gan lab table`: the theory experiments of the lectures, drawn and measured.</summary>
public static class LabCommand
{
    public static Command Build(CliConsole console, Func<string[], int> run)
    {
        var steps = new Option<int>("--steps") { Description = "gradient steps", DefaultValueFactory = _ => 200 };
        var lr = new Option<double>("--lr") { Description = "step size η", DefaultValueFactory = _ => 0.1 };
        var output = new Option<string>("--out") { Description = "PNG to write", DefaultValueFactory = _ => "xy-game.png" };
        var xy = new Command("xy", "The x·y game (000): simultaneous steps spiral out, alternating steps orbit, Adam circles, extragradient converges.") { steps, lr, output };
        xy.SetAction(parse =>
        {
            int n = parse.GetValue(steps);
            double eta = parse.GetValue(lr);
            if (n < 1 || !(eta > 0)) throw new GanSharpException("--steps and --lr must be positive");
            BilinearGamePlot.Save(parse.GetValue(output)!, eta, n);
            foreach (var m in Enum.GetValues<BilinearGame.Method>())
            {
                var d = BilinearGame.DistanceToEquilibrium(BilinearGame.Trajectory(m, 1, 0.5, m == BilinearGame.Method.SimultaneousAdam ? eta / 10 : eta, n));
                console.Line($"{m,-17} distance to (0, 0): {d[0]:F3} → {d[^1]:F3}");
            }
            console.Line($"wrote {parse.GetValue(output)}");
            return GanCli.Ok;
        });
        return new Command("lab", "Theory experiments of the lectures.") { xy, LabTableCommand.Build(console, run) };
    }
}
