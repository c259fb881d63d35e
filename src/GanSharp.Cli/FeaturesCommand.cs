using GanSharp.Features;
using System.CommandLine;
using GanSharp.Data;
using GanSharp.Metrics;
using GanSharp.Runtime;

namespace GanSharp.Cli;

/// <summary>`gan features train`: trains the metrics' feature network on the Fashion-MNIST training split.</summary>
public static class FeaturesCommand
{
    public static Command Build(CliConsole console)
    {
        var epochs = new Option<int>("--epochs") { Description = "training epochs", DefaultValueFactory = _ => 10 };
        var seed = new Option<long>("--seed") { Description = "seed of weights and batch order", DefaultValueFactory = _ => 0 };
        var data = new Option<string?>("--data") { Description = "Fashion-MNIST folder with both splits (default: the usual search)" };
        var output = new Option<string>("--out") { Description = "weights file (a .json with its provenance is written beside it)", DefaultValueFactory = _ => "data/feature-network/fashion-mnist-cnn.bin" };
        var train = new Command("train", "Train the feature network of the metrics (CNN classifier) and report its test accuracy.") { epochs, seed, data, output };
        train.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            var (trainSet, testSet) = FashionMnist.LoadBoth(FashionMnist.Locate(parse.GetValue(data)));
            console.Line($"data: {trainSet.Source}; {testSet.Source}");
            var command = $"gan features train --epochs {parse.GetValue(epochs)} --seed {parse.GetValue(seed)}";
            var (net, info) = FeatureNetworkTraining.Train(trainSet, testSet, parse.GetValue(epochs), parse.GetValue(seed), command, console.Line);
            FeatureNetworkTraining.Save(net, info, parse.GetValue(output)!);
            console.Line($"test accuracy {info.TestAccuracy:P2}; wrote {parse.GetValue(output)}");
            return ExitCode.Ok;
        });
        return new Command("features", "The feature network used by the metrics.") { train };
    }
}
