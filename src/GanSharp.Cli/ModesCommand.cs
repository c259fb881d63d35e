using GanSharp.Features;
using GanSharp.Metrics.Runs;
using System.CommandLine;
using GanSharp.Data;
using GanSharp.Metrics;
using GanSharp.Runtime;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Cli;

/// <summary>`gan modes RUN [--count 26000]`: modes of a stacked-Fashion-MNIST generator (of 1,000), and KL to uniform.</summary>
public static class ModesCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string?>("run") { Description = "run folder trained with --dataset stacked-fashion-mnist", Arity = ArgumentArity.ZeroOrOne };
        var count = new Option<int>("--count") { Description = "samples to classify (26,000 in the mode-collapse papers)", DefaultValueFactory = _ => 26_000 };
        var seed = new Option<long>("--seed") { Description = "noise seed", DefaultValueFactory = _ => 0 };
        var features = new Option<string?>("--features") { Description = "feature-network weights (default: the embedded one)" };
        var real = new Option<bool>("--real") { Description = "count the modes of real stacked images instead (the classifier's floor)" };
        var data = new Option<string?>("--data") { Description = "Fashion-MNIST folder, for --real" };
        var command = new Command("modes", "Count the modes (of 1,000) a stacked-Fashion-MNIST generator covers.") { run, count, seed, features, real, data };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            var (net, netName) = FeatureNetworks.Load(parse.GetValue(features));
            int n = parse.GetValue(count);
            Tensor images;
            string what;
            if (parse.GetValue(real))
            {
                using var grey = FashionMnist.Load(FashionMnist.Locate(parse.GetValue(data)));
                var stacked = StackedFashionMnist.Create(grey, n, parse.GetValue(seed));
                images = stacked.Images;
                what = stacked.Source;
            }
            else
            {
                var folder = parse.GetValue(run) ?? throw new GanSharpException("name a run folder, or pass --real");
                using var sampler = new RunSampler(folder);
                images = RunEvaluation.Generate(sampler, n, parse.GetValue(seed), anyChannels: true);
                what = $"{folder} at step {sampler.Step}";
            }
            var result = ModeCount.Count(net, images);
            console.Line($"{what}: {result.Samples:N0} samples, {result.Modes} of {StackedFashionMnist.Modes} modes, KL to uniform {result.KlToUniform:F3}");
            console.Line($"(modes counted by {netName}, one class per channel)");
            return ExitCode.Ok;
        });
        return command;
    }
}
