using GanSharp.Metrics.Runs;
using System.CommandLine;
using GanSharp.Metrics;

namespace GanSharp.Cli;

/// <summary>`gan classes RUN`: per-class accuracy (by the feature network) and FID of a conditional run.</summary>
public static class ClassesCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder of a conditional family (cgan, cgan-mlp, acgan, projection, infogan)" };
        var perClass = new Option<int>("--per-class") { Description = "samples per class", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "noise seed", DefaultValueFactory = _ => 0 };
        var features = new Option<string?>("--features") { Description = "feature-network weights (default: the embedded one)" };
        var data = new Option<string?>("--data") { Description = "Fashion-MNIST folder or 'embedded' (real images of each class, for FID)" };
        var checkpoint = new Option<string>("--checkpoint") { Description = "last, previous, or a .ckpt path", DefaultValueFactory = _ => "last" };
        var command = new Command("classes", "Does a conditional GAN draw the class it is asked for? Per-class accuracy by the feature network and per-class FID; InfoGAN: the best matching of its categories to classes. Writes RUN/classes.json.")
        {
            run, perClass, seed, features, data, checkpoint,
        };
        command.SetAction(parse =>
        {
            var r = ClassConsistency.MeasureRun(parse.GetValue(run)!, parse.GetValue(perClass), parse.GetValue(seed), parse.GetValue(features), parse.GetValue(data), parse.GetValue(checkpoint)!);
            bool matched = r.ClassOfCategory.Select((c, i) => c != i).Any(x => x);
            console.Line($"{r.Run} at step {r.Step}, {r.SamplesPerClass:N0} samples per class, FID against {r.Reference}; real-image accuracy on the {r.CeilingSet}");
            console.Line("class  accuracy  real images  most often seen as  FID");
            foreach (var c in r.Classes)
                console.Line($"{(matched ? $"{c.Class} → {r.ClassOfCategory[c.Class]}" : c.Class.ToString()),5}  {c.Accuracy,8:P1}  {c.RealAccuracy,11:P1}  {c.MostPredicted,18}  {c.Fid,6:F2}");
            console.Line($"mean accuracy {r.Accuracy:P1} (real images of the same classes: {r.RealAccuracy:P1}){(matched ? "; categories matched to classes one to one, as shown" : "")}; wrote {Path.Combine(r.Run, "classes.json")}");
            return ExitCode.Ok;
        });
        return command;
    }
}
