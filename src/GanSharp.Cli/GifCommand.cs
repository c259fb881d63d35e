using System.CommandLine;
using GanSharp.Imaging;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>`gan gif RUN`: a run's sample pictures (grids or toy scatter plots) over training as one animation.</summary>
public static class GifCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder" };
        var every = new Option<int>("--every") { Description = "use every n-th picture (the last one always)", DefaultValueFactory = _ => 1 };
        var width = new Option<int>("--width") { Description = "largest frame width in pixels", DefaultValueFactory = _ => 480 };
        var delay = new Option<int>("--delay") { Description = "milliseconds per frame", DefaultValueFactory = _ => 200 };
        var output = new Option<string?>("--out") { Description = "GIF to write (default: RUN/training.gif)" };
        var command = new Command("gif", "Animate a run's sample pictures (samples/step-*.png) over training.") { run, every, width, delay, output };
        command.SetAction(parse =>
        {
            var dir = new RunDirectory(parse.GetValue(run)!);
            int n = parse.GetValue(every);
            if (n < 1 || parse.GetValue(width) < 16) throw new GanSharpException("--every must be positive and --width at least 16");
            var files = Directory.Exists(dir.Samples) ? Directory.GetFiles(dir.Samples, "step-*.png").Order(StringComparer.Ordinal).ToList() : new List<string>();
            if (files.Count == 0) throw new GanSharpException($"{dir.Samples}: no sample pictures to animate");
            var frames = files.Where((_, i) => i % n == 0 || i == files.Count - 1).ToList();
            string path = parse.GetValue(output) ?? dir.Animation;
            AnimatedGif.SaveFiles(frames, path, parse.GetValue(delay), parse.GetValue(width));
            console.Line($"wrote {path}: {frames.Count} frames, {new FileInfo(path).Length / 1024:N0} KiB");
            return ExitCode.Ok;
        });
        return command;
    }
}
