using System.CommandLine;
using GanSharp.Metrics.Runs;

namespace GanSharp.Cli;

/// <summary>`gan upscale RUN IMAGE|FOLDER --out DIR`: an SRGAN run's generator on image files of any size.</summary>
public static class UpscaleCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder of an srgan run" };
        var input = new Argument<string>("input") { Description = "an image, or a folder of images (read recursively), at any size" };
        var output = new Option<string>("--out") { Description = "folder for the upscaled images (PNG, the inputs' relative paths)", DefaultValueFactory = _ => "upscaled" };
        var checkpoint = new Option<string>("--checkpoint") { Description = "last, previous, or a .ckpt path", DefaultValueFactory = _ => "last" };
        var command = new Command("upscale", "Upscale images ×2, ×4 or ×8 (the run's factor) with an SRGAN run's generator, in seamless tiles.") { run, input, output, checkpoint };
        command.SetAction(parse =>
        {
            RunTranslation.Upscale(parse.GetValue(run)!, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(checkpoint)!, console.Line);
            return ExitCode.Ok;
        });
        return command;
    }
}
