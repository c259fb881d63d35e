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
        var method = new Option<string>("--method") { Description = "slerp (spherical, keeps ‖z‖ typical) or lerp (straight line)", DefaultValueFactory = _ => "slerp" };
        method.AcceptOnlyFromAmong(Interpolation.Methods.ToArray());
        var output = new Option<string>("--out") { Description = "PNG strip to write", DefaultValueFactory = _ => "interpolation.png" };
        var gif = new Option<string?>("--gif") { Description = "also write the walk as an animated GIF here" };
        var interpolate = new Command("interpolate", "Images along a path between two latent vectors (seeds, and classes for conditional runs), as a strip and optionally a GIF.")
        {
            run, from, to, fromClass, toClass, steps, method, output, gif,
        };
        interpolate.SetAction(parse =>
        {
            using var sampler = new RunSampler(parse.GetValue(run)!);
            var a = Endpoint(sampler, parse.GetValue(from), parse.GetValue(fromClass), "--from-class");
            var b = Endpoint(sampler, parse.GetValue(to), parse.GetValue(toClass), "--to-class");
            var path = LatentWalk.Between(sampler.Recipe, a, b, parse.GetValue(steps), parse.GetValue(method)!);
            using var images = sampler.SampleLatents(path);
            LatentWalk.Save(images, parse.GetValue(output)!, parse.GetValue(gif));
            console.Line($"wrote {parse.GetValue(steps)} images ({parse.GetValue(method)}) of step {sampler.Step} to {parse.GetValue(output)}" + (parse.GetValue(gif) is string g ? $" and {g}" : ""));
            return GanCli.Ok;
        });
        return new Command("latent", "Latent-space tools: interpolation.") { interpolate };
    }

    /// <summary>The latent vector of a seed (the same one for the same seed), with its class replaced when given.</summary>
    private static Tensor Endpoint(RunSampler sampler, long seed, int? klass, string flag)
    {
        using var g = Seeding.Generator(seed, "latent");
        if (klass is not int k) return sampler.Recipe.Noise(1, g)[0];
        return CodeGrids.OfClass(sampler.Conditional(flag), 1, k, g)[0];
    }
}
