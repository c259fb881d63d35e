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
            return ExitCode.Ok;
        });
        var satSteps = new Option<int>("--steps") { Description = "D training steps", DefaultValueFactory = _ => 1000 };
        var satMu = new Option<double>("--mu") { Description = "mean of G's fixed N(μ, 1); the data is N(0, 1)", DefaultValueFactory = _ => 8 };
        var satOut = new Option<string>("--out") { Description = "PNG to write", DefaultValueFactory = _ => "saturation-demo.png" };
        var saturation = new Command("saturation", "Saturation (003): the gradient G gets through log(1 − D(G(z))) vanishes as D grows confident; through −log D(G(z)) it does not.") { satSteps, satMu, satOut };
        saturation.SetAction(parse =>
        {
            int n = parse.GetValue(satSteps);
            if (n < 1) throw new GanSharpException("--steps must be positive");
            var points = SaturationDemo.Run(n, parse.GetValue(satMu));
            console.Line("D steps   mean D(G(z))   ‖∇G‖ minimax   ‖∇G‖ non-saturating");
            foreach (var p in points.Where(p => p.DSteps % Math.Max(1, n / 10) == 0))
                console.Line($"{p.DSteps,7}   {p.MeanDOfFake,12:E2}   {p.MinimaxGradient,14:E2}   {p.NonSaturatingGradient,21:E2}");
            SaturationDemo.Save(parse.GetValue(satOut)!, points, parse.GetValue(satMu));
            console.Line($"wrote {parse.GetValue(satOut)}");
            return ExitCode.Ok;
        });
        return new Command("lab", "Theory experiments of the lectures.") { xy, saturation, LabTableCommand.Build(console, run) };
    }
}
