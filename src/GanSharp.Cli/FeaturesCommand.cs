using GanSharp.Features;
using System.CommandLine;
using GanSharp.Data;
using GanSharp.Runtime;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>
/// `gan features train`: trains a feature network for the metrics — on the Fashion-MNIST training
/// split (the embedded one), or on an image folder's labels or rotations (for `gan eval` of runs on it).
/// </summary>
public static class FeaturesCommand
{
    public static Command Build(CliConsole console)
    {
        var epochs = new Option<int?>("--epochs") { Description = "training epochs (default 10 on Fashion-MNIST, 40 on an image folder)" };
        var seed = new Option<long>("--seed") { Description = "seed of weights, batch order and the folder's held-out split", DefaultValueFactory = _ => 0 };
        var data = new Option<string?>("--data") { Description = "Fashion-MNIST folder with both splits (default: the usual search), a folder of images, or embedded-emoji" };
        var labels = new Option<string>("--labels") { Description = "image folders: folders (learn the subfolders' classes) or none (learn which of four rotations an image has)", DefaultValueFactory = _ => "none" };
        labels.AcceptOnlyFromAmong("none", "folders");
        var resolution = new Option<int>("--resolution") { Description = "image folders: side the network reads (the runs' --resolution)", DefaultValueFactory = _ => 32 };
        var channels = new Option<int>("--channels") { Description = "image folders: 1 (grey) or 3 (RGB), as the runs'", DefaultValueFactory = _ => 3 };
        var background = new Option<string>("--background") { Description = "image folders: colour transparent pixels become, as the runs' --background", DefaultValueFactory = _ => "white" };
        var shapes = new Option<int?>("--count") { Description = "voxel data: train on the first N shapes only (default: all; a fifth of them held out)" };
        var output = new Option<string?>("--out") { Description = "weights file, a .json with its provenance beside it (default: data/feature-network/fashion-mnist-cnn.bin; for a folder, where gan eval looks)" };
        var train = new Command("train", "Train a feature network of the metrics (a CNN classifier) and report its held-out accuracy.") { epochs, seed, data, labels, resolution, channels, background, shapes, output };
        train.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            if (GanSharp.Data.Voxels.VoxelSets.IsVoxelData(parse.GetValue(data)))
            {
                var voxels = TrainOnVoxels(parse.GetValue(data)!, parse.GetValue(resolution), parse.GetValue(shapes), parse.GetValue(epochs) ?? 2, parse.GetValue(seed), console, parse.GetValue(output));
                console.Line($"held-out accuracy {voxels.TestAccuracy:P2}");
                return ExitCode.Ok;
            }
            var trainer = new TrainerOptions
            {
                Data = parse.GetValue(data), Labels = parse.GetValue(labels)!, Channels = parse.GetValue(channels), Background = parse.GetValue(background)!,
            }.Validated();
            var info = trainer.IsImageFolder ? TrainOnFolder(parse, trainer, parse.GetValue(epochs) ?? 40, parse.GetValue(resolution), parse.GetValue(seed), console, parse.GetValue(output))
                : TrainOnFashionMnist(trainer, parse.GetValue(epochs) ?? 10, parse.GetValue(seed), console, parse.GetValue(output) ?? "data/feature-network/fashion-mnist-cnn.bin");
            console.Line($"held-out accuracy {info.TestAccuracy:P2}");
            return ExitCode.Ok;
        });
        return new Command("features", "The feature networks the metrics measure in.") { train };
    }

    /// <summary>The voxel classifier of shape metrics, on 80 % of the set's shapes, measured on the other 20 % (split by the seed).</summary>
    private static VoxelClassifierTraining.Provenance TrainOnVoxels(string data, int side, int? count, int epochs, long seed, CliConsole console, string? output)
    {
        using var set = GanSharp.Data.Voxels.VoxelSets.Open(data, side);
        if (count is < 10) throw new GanSharpException($"--count must be at least 10 shapes, got {count}");
        using var used = new SubsetSource(set, TorchSharp.torch.arange(Math.Min(count ?? set.Count, set.Count)), count is null ? "all" : $"the first {count:N0}");
        var (train, test) = SubsetSource.Split(used, FeatureStore.HeldOut, seed);
        using var _ = train;
        using var __ = test;
        console.Line($"data: {set.Description}; training on {train.Count:N0}, {test.Count:N0} held out");
        string path = output ?? VoxelClassifierTraining.PathFor(data, side);
        string command = $"gan features train --data {data} --resolution {side}{(count is null ? "" : $" --count {count}")} --epochs {epochs} --seed {seed}";
        var (net, info) = VoxelClassifierTraining.Train(train, test, GanSharp.Data.Voxels.VoxelSets.ClassNames(data), epochs, seed, command, console.Line);
        using (net) VoxelClassifierTraining.Save(net, info, path);
        console.Line($"wrote {path}{(output is null ? " (gan eval of voxel runs on this data at this side finds it there)" : "")}");
        return info;
    }

    private static FeatureNetworkTraining.Provenance TrainOnFashionMnist(TrainerOptions trainer, int epochs, long seed, CliConsole console, string output)
    {
        var (trainSet, testSet) = FashionMnist.LoadBoth(FashionMnist.Locate(trainer.Data));
        using var _ = trainSet;
        using var __ = testSet;
        console.Line($"data: {trainSet.Source}; {testSet.Source}");
        var (net, info) = FeatureNetworkTraining.Train(trainSet, testSet, FeatureTask.Labels, epochs, seed, $"gan features train --epochs {epochs} --seed {seed}", console.Line);
        FeatureNetworkTraining.Save(net, info, output);
        console.Line($"wrote {output}");
        return info;
    }

    private static FeatureNetworkTraining.Provenance TrainOnFolder(ParseResult parse, TrainerOptions trainer, int epochs, int side, long seed, CliConsole console, string? output)
    {
        if (side < 16) throw new GanSharpException($"--resolution must be at least 16 for a feature network, got {side}");
        string folder = trainer.ImageFolderPath();
        var options = trainer.FolderOptions(side);
        string path = output ?? FeatureStore.PathFor(folder, options.Channels, side);
        string command = $"gan features train --data {trainer.Data} --resolution {side} --channels {options.Channels}{(options.Labels ? " --labels folders" : "")} --epochs {epochs} --seed {seed}";
        var info = FeatureStore.TrainForFolder(folder, options, epochs, seed, command, path, console.Line);
        console.Line($"wrote {path}{(output is null ? " (gan eval of runs on this folder at this side and channels finds it there)" : "")}");
        return info;
    }
}
