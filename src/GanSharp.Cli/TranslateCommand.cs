using System.CommandLine;
using GanSharp.Metrics.Runs;

namespace GanSharp.Cli;

/// <summary>`gan translate RUN IMAGE|FOLDER --out DIR`: a pix2pix run's generator on image files.</summary>
public static class TranslateCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder of a translation family (pix2pix)" };
        var input = new Argument<string>("input") { Description = "an image, or a folder of images (read recursively)" };
        var output = new Option<string>("--out") { Description = "folder for the translations (PNG, the inputs' relative paths)", DefaultValueFactory = _ => "translated" };
        var makeInput = new Option<bool>("--make-input") { Description = "read the images as targets and make the inputs with the run's --pairs maker (edges, grey, masked)" };
        var checkpoint = new Option<string>("--checkpoint") { Description = "last, previous, or a .ckpt path", DefaultValueFactory = _ => "last" };
        var command = new Command("translate", "Translate images with a pix2pix run's generator.") { run, input, output, makeInput, checkpoint };
        command.SetAction(parse =>
        {
            RunTranslation.Translate(parse.GetValue(run)!, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(makeInput), parse.GetValue(checkpoint)!, console.Line);
            return ExitCode.Ok;
        });
        return command;
    }
}
