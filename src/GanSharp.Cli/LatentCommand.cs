using GanSharp.Features;
using GanSharp.Metrics.Runs;
using System.CommandLine;
using GanSharp.Latent;
using GanSharp.Recipes;
using GanSharp.Runtime;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Cli;

/// <summary>`gan latent interpolate …`: tools on a trained generator's latent space.</summary>
public static class LatentCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder" };
        var from = new Option<long>("--from") { Description = "seed of the first latent vector", DefaultValueFactory = _ => 0 };
        var to = new Option<long>("--to") { Description = "seed of the last latent vector", DefaultValueFactory = _ => 1 };
        var fromClass = new Option<int?>("--from-class") { Description = "conditional runs: class of the first image (default: the seed's random class)" };
        var toClass = new Option<int?>("--to-class") { Description = "conditional runs: class of the last image" };
        var steps = new Option<int>("--steps") { Description = "images along the path, ends included", DefaultValueFactory = _ => 10 };
        var method = new Option<string?>("--method") { Description = "slerp (spherical, keeps ‖z‖ typical; the default in z) or lerp (straight line; the default in w)" };
        var space = new Option<string>("--space") { Description = "z, or w: straight through StyleGAN's intermediate latent space W between the mapped ends (stylegan runs)", DefaultValueFactory = _ => "z" };
        space.AcceptOnlyFromAmong("z", "w");
        method.AcceptOnlyFromAmong(Interpolation.Methods.ToArray());
        var output = new Option<string>("--out") { Description = "PNG strip to write", DefaultValueFactory = _ => "interpolation.png" };
        var gif = new Option<string?>("--gif") { Description = "also write the walk as an animated GIF here" };
        var fromImage = new Option<string?>("--from-image") { Description = "start at an image instead (a PNG or test:N), inverted as gan invert does" };
        var toImage = new Option<string?>("--to-image") { Description = "end at an image instead (a PNG or test:N)" };
        var interpolate = new Command("interpolate", "Images along a path between two latent vectors (seeds, and classes for conditional runs), as a strip and optionally a GIF.")
        {
            run, from, to, fromClass, toClass, fromImage, toImage, steps, method, space, output, gif,
        };
        interpolate.SetAction(parse =>
        {
            using var sampler = new RunSampler(parse.GetValue(run)!);
            var a = parse.GetValue(fromImage) is string ia ? Inverted(sampler, parse.GetValue(run)!, ia, console)
                : Endpoint(sampler, parse.GetValue(from), parse.GetValue(fromClass), "--from-class");
            var b = parse.GetValue(toImage) is string ib ? Inverted(sampler, parse.GetValue(run)!, ib, console)
                : Endpoint(sampler, parse.GetValue(to), parse.GetValue(toClass), "--to-class");
            bool inW = parse.GetValue(space) == "w";
            string how = parse.GetValue(method) ?? (inW ? "lerp" : "slerp");
            using var images = inW ? LatentWalk.InStyleSpace(sampler.Recipe, a, b, parse.GetValue(steps), how)
                : sampler.SampleLatents(LatentWalk.Between(sampler.Recipe, a, b, parse.GetValue(steps), how));
            LatentWalk.Save(images, parse.GetValue(output)!, parse.GetValue(gif));
            console.Line($"wrote {parse.GetValue(steps)} images ({how} in {parse.GetValue(space)}) of step {sampler.Step} to {parse.GetValue(output)}" + (parse.GetValue(gif) is string g ? $" and {g}" : ""));
            return ExitCode.Ok;
        });
        return new Command("latent", "Latent-space tools: interpolation, attribute directions, arithmetic, the encoder for inversion.") { interpolate, Directions(console), Arithmetic(console), EncoderCommand(console) };
    }

    private static Command Arithmetic(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder of an unconditional family" };
        var expression = new Argument<string>("expression") { Description = "classes joined by + and −, e.g. 7-5+9 (sneaker − sandal + ankle boot); voxel runs: the shape classes, e.g. 5-0+1 (table − box + sphere)" };
        var samples = new Option<int>("--samples") { Description = "samples to find each class's mean z among", DefaultValueFactory = _ => 5000 };
        var seed = new Option<long>("--seed") { Description = "noise seed", DefaultValueFactory = _ => 0 };
        var features = new Option<string?>("--features") { Description = "feature-network weights (default: the embedded one)" };
        var output = new Option<string>("--out") { Description = "PNG: the terms' mean images, then the result and 7 noisy neighbours", DefaultValueFactory = _ => "arithmetic.png" };
        var command = new Command("arithmetic", "Latent vector arithmetic (DCGAN §6.3): mean z of confidently classified samples per class, combined by + and −.") { run, expression, samples, seed, features, output };
        command.SetAction(parse =>
        {
            var r = Metrics.Runs.RunArithmetic.Compute(parse.GetValue(run)!, parse.GetValue(expression)!, parse.GetValue(samples), parse.GetValue(seed), parse.GetValue(features), parse.GetValue(output)!);
            console.Line($"{r.Expression}: class means from {string.Join(", ", r.Concepts.Select(c => $"{c.Samples} samples of class {c.Class}"))}");
            console.Line($"the result looks most like class {r.ResultMostLikelyClass} (mean probability {r.ResultClassProbability:P0}); wrote {r.Output}");
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command EncoderCommand(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder" };
        var steps = new Option<int>("--steps") { Description = "training steps of the encoder (G stays fixed)", DefaultValueFactory = _ => 2000 };
        var seed = new Option<long>("--seed") { Description = "seed of the encoder's weights and of its z", DefaultValueFactory = _ => 0 };
        var command = new Command("encoder", "Train the run's encoder E with G fixed so that E(G(z)) ≈ z (Age-cGAN); saved as RUN/encoder.bin for gan invert.") { run, steps, seed };
        command.SetAction(parse =>
        {
            using var sampler = new RunSampler(parse.GetValue(run)!);
            var (encoder, summary) = EncoderTraining.Train(sampler.Recipe, sampler.Config.Options, parse.GetValue(steps), parse.GetValue(seed), sampler.Step, console.Line);
            EncoderTraining.Save(parse.GetValue(run)!, encoder, summary);
            console.Line($"held-out ‖E(G(z)) − z‖² per dimension: {summary.HeldOutMseBefore:F3} before training, {summary.HeldOutMseAfter:F3} after; wrote {EncoderTraining.WeightsPath(parse.GetValue(run)!)}");
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command Directions(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder of an unconditional family" };
        var attributes = new Option<string[]>("--attribute") { Description = $"NAME=CLASSES, an attribute = the feature network sees one of these classes; repeat (default: {string.Join(" ", Metrics.Runs.RunDirections.DefaultAttributes)})" };
        var samples = new Option<int>("--samples") { Description = "labelled samples to fit on (80%) and test on (20%)", DefaultValueFactory = _ => 5000 };
        var seed = new Option<long>("--seed") { Description = "noise seed", DefaultValueFactory = _ => 0 };
        var features = new Option<string?>("--features") { Description = "feature-network weights (default: the embedded one)" };
        var output = new Option<string>("--out") { Description = "folder for directions.json and the walk grids", DefaultValueFactory = _ => "directions" };
        var command = new Command("directions", "Hyperplanes in latent space (seed 003): label G(z) with the feature network, fit a linear classifier per attribute, walk along its normal; Σ_s tells how entangled the attributes are.")
        {
            run, attributes, samples, seed, features, output,
        };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(attributes) is { Length: > 0 } a ? a : Metrics.Runs.RunDirections.DefaultAttributes.ToArray();
            var list = given.Select(t => ImageAttribute.Parse(t, Features.FeatureInput.FashionMnist.Classes)).ToList();
            var r = Metrics.Runs.RunDirections.Fit(parse.GetValue(run)!, list, parse.GetValue(samples), parse.GetValue(seed), parse.GetValue(features), parse.GetValue(output)!);
            console.Line($"{r.Run} at step {r.Step}: {r.Samples:N0} samples labelled by the feature network");
            console.Line("attribute      share  held-out acc.  λ       P(attribute) along z + α n, α = −3 … 3");
            foreach (var d in r.Directions)
                console.Line($"{d.Name,-13} {d.PositiveFraction,6:P0}  {d.HeldOutAccuracy,13:P1}  {d.Lambda,6:F2}  {string.Join(" ", d.MeanProbability.Select(p => p.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
            console.Line($"Σ_s = Λ NᵀN Λ: largest |correlation| off the diagonal {r.OffDiagonal:F2} (0 = disentangled); wrote {parse.GetValue(output)}/directions.json and direction-*.png");
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>The latent vector of an image (encoder guess + 200 optimisation steps), with its class for conditional runs.</summary>
    private static Tensor Inverted(RunSampler sampler, string runFolder, string image, CliConsole console)
    {
        var found = Metrics.Runs.RunInversion.FindLatent(sampler, runFolder, image, klass: null, steps: 200, featureWeight: 0.05, encoderSteps: 2000, console.Line);
        console.Line($"{image}: reconstruction loss {found.Result.Losses[0]:F4} → {found.Result.Losses[^1]:F4}");
        return found.Latent(found.Result.Z)[0];
    }

    /// <summary>The latent vector of a seed (the same one for the same seed), with its class replaced when given.</summary>
    private static Tensor Endpoint(RunSampler sampler, long seed, int? klass, string flag)
    {
        using var g = Seeding.Generator(seed, "latent");
        if (klass is not int k) return sampler.Recipe.Noise(1, g)[0];
        return CodeGrids.OfClass(sampler.Conditional(flag), 1, k, g)[0];
    }
}
