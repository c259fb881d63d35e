using System.CommandLine;
using GanSharp.Metrics.Runs;

namespace GanSharp.Cli;

/// <summary>`gan translate RUN IMAGE|FOLDER --out DIR`: a pix2pix or CycleGAN run's generator on image files.</summary>
public static class TranslateCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder of a translation family (pix2pix, cyclegan)" };
        var input = new Argument<string>("input") { Description = "an image, or a folder of images (read recursively)" };
        var output = new Option<string>("--out") { Description = "folder for the translations (PNG, the inputs' relative paths)", DefaultValueFactory = _ => "translated" };
        var makeInput = new Option<bool>("--make-input") { Description = "read the images as targets and make the inputs with the run's --pairs maker (edges, grey, masked)" };
        var direction = new Option<string>("--direction") { Description = "a2b, or b2a with CycleGAN's second generator", DefaultValueFactory = _ => "a2b" };
        direction.AcceptOnlyFromAmong("a2b", "b2a");
        var resize = new Option<bool>("--resize") { Description = "translate the centre square at the run's side (as its training data) instead of each image at its own size in tiles" };
        var checkpoint = new Option<string>("--checkpoint") { Description = "last, previous, or a .ckpt path", DefaultValueFactory = _ => "last" };
        var command = new Command("translate", "Translate images with a pix2pix or CycleGAN run's generator.") { run, input, output, makeInput, direction, resize, checkpoint };
        command.SetAction(parse =>
        {
            RunTranslation.Translate(parse.GetValue(run)!, new TranslateRequest(parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(makeInput),
                parse.GetValue(direction)!, parse.GetValue(resize), parse.GetValue(checkpoint)!), console.Line);
            return ExitCode.Ok;
        });
        return command;
    }
}
