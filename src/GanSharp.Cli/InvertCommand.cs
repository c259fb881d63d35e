using GanSharp.Metrics.Runs;
using System.CommandLine;
using GanSharp.Metrics;

namespace GanSharp.Cli;

/// <summary>`gan invert RUN IMAGE [--to-class K]`: Age-cGAN's encoder + latent optimisation, then regeneration.</summary>
public static class InvertCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder" };
        var image = new Argument<string>("image") { Description = "a PNG file, or test:N for image N of the Fashion-MNIST test split" };
        var klass = new Option<int?>("--class") { Description = "conditional runs: the image's class (default: its label for test:N, else the feature network's guess)" };
        var toClass = new Option<int[]>("--to-class") { Description = "conditional runs: regenerate with these classes (default: all)", AllowMultipleArgumentsPerToken = true };
        var steps = new Option<int>("--steps") { Description = "latent optimisation steps", DefaultValueFactory = _ => 200 };
        var featureWeight = new Option<double>("--feature-weight") { Description = "β of the feature-space term (0 = pixels only)", DefaultValueFactory = _ => 0.05 };
        var encoderSteps = new Option<int>("--encoder-steps") { Description = "steps to train the encoder if the run has none yet", DefaultValueFactory = _ => 2000 };
        var data = new Option<string?>("--data") { Description = "Fashion-MNIST folder or 'embedded' (for test:N)" };
        var output = new Option<string>("--out") { Description = "PNG strip: target | encoder guess | optimised | regenerated …", DefaultValueFactory = _ => "inverted.png" };
        var command = new Command("invert", "Find the latent vector of an image (encoder guess, then optimisation in pixel and feature space) and regenerate it, for conditional runs with other classes: same style, other garment.")
        {
            run, image, klass, toClass, steps, featureWeight, encoderSteps, data, output,
        };
        command.SetAction(parse =>
        {
            var r = RunInversion.Invert(parse.GetValue(run)!, parse.GetValue(image)!, parse.GetValue(klass), parse.GetValue(toClass), parse.GetValue(steps),
                parse.GetValue(featureWeight), parse.GetValue(encoderSteps), parse.GetValue(output)!, console.Line, parse.GetValue(data));
            console.Line($"reconstruction loss {r.LossAtEncoderGuess:F4} at the encoder's guess → {r.LossAfter:F4} after {r.Steps} steps ({r.RejectedSteps} step sizes rejected by the line search)");
            console.Line($"wrote {r.Output}: target | encoder guess | optimised" + (r.RegeneratedClasses.Length > 0 ? $" | classes {string.Join(", ", r.RegeneratedClasses)}" : ""));
            return ExitCode.Ok;
        });
        return command;
    }
}
