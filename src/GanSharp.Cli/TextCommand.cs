using GanSharp.Features;
using System.CommandLine;
using GanSharp.Runtime;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>
/// `gan text train --data FOLDER`: trains the text–image matcher of a folder with descriptions
/// (captions.tsv): the text encoder StackGAN conditions on, and the matcher of its matching score.
/// </summary>
public static class TextCommand
{
    public static Command Build(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "a folder of images with a captions.tsv (path TAB description per image), or embedded-emoji", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "training epochs", DefaultValueFactory = _ => 30 };
        var seed = new Option<long>("--seed") { Description = "seed of weights, batch order and the held-out split", DefaultValueFactory = _ => 0 };
        var resolution = new Option<int>("--resolution") { Description = "side the image encoder reads (the runs' --resolution)", DefaultValueFactory = _ => 32 };
        var channels = new Option<int>("--channels") { Description = "1 (grey) or 3 (RGB), as the runs'", DefaultValueFactory = _ => 3 };
        var background = new Option<string>("--background") { Description = "colour transparent pixels become, as the runs' --background", DefaultValueFactory = _ => "white" };
        var output = new Option<string?>("--out") { Description = "weights file, a .json with its vocabulary and provenance beside it (default: where stackgan and gan eval look for this folder)" };
        epochs.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--epochs must be at least 1"); });
        var train = new Command("train", "Train a text–image matcher on a folder's descriptions and report its held-out matching score.") { data, epochs, seed, resolution, channels, background, output };
        train.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            var trainer = new TrainerOptions { Data = parse.GetValue(data), Channels = parse.GetValue(channels), Background = parse.GetValue(background)! }.Validated();
            if (!trainer.IsImageFolder) throw new GanSharpException($"--data {trainer.Data}: a text matcher trains on an image folder with a captions.tsv");
            int side = parse.GetValue(resolution);
            if (side < 16) throw new GanSharpException($"--resolution must be at least 16 for a text matcher, got {side}");
            string folder = trainer.ImageFolderPath();
            var options = trainer.FolderOptions(side);
            string path = parse.GetValue(output) ?? FeatureStore.PathFor(folder, options.Channels, side, shelf: TextMatcherTraining.Shelf);
            int e = parse.GetValue(epochs);
            long s = parse.GetValue(seed);
            var info = TextMatcherTraining.Train(folder, options, e, s,
                $"gan text train --data {trainer.Data} --resolution {side} --channels {options.Channels} --epochs {e} --seed {s}", path, console.Line);
            console.Line($"held-out matching score {info.HeldOutMatchingScore:P1} (own description above a random other one; chance 50%)");
            console.Line($"wrote {path}");
            return ExitCode.Ok;
        });
        return new Command("text", "Text encoders for text-to-image families.") { train };
    }
}
