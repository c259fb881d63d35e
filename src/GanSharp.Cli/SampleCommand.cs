using System.CommandLine;
using GanSharp.Imaging;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>`gan sample RUN --count 64 --out grid.png [--seed N]`: a grid from a trained generator.</summary>
public static class SampleCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder" };
        var count = new Option<int>("--count") { Description = "number of images", DefaultValueFactory = _ => 64 };
        var output = new Option<string>("--out") { Description = "PNG file to write", DefaultValueFactory = _ => "samples.png" };
        var seed = new Option<long>("--seed") { Description = "noise seed (same seed, same images)", DefaultValueFactory = _ => 0 };
        var checkpoint = new Option<string>("--checkpoint") { Description = "last, previous, or a .ckpt path", DefaultValueFactory = _ => "last" };
        var command = new Command("sample", "Draw images from a run's generator into one PNG grid.") { run, count, output, seed, checkpoint };
        command.SetAction(parse =>
        {
            using var sampler = new RunSampler(parse.GetValue(run)!, parse.GetValue(checkpoint)!);
            int n = parse.GetValue(count);
            using var images = sampler.Sample(n, parse.GetValue(seed));
            var path = parse.GetValue(output)!;
            ImageGrid.Save(images, path);
            console.Line($"wrote {n} samples of step {sampler.Step} to {path}");
            return GanCli.Ok;
        });
        return command;
    }
}
