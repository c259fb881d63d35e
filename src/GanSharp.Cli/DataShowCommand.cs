using System.CommandLine;
using GanSharp.Data;
using GanSharp.Imaging;
using GanSharp.Runtime;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Cli;

/// <summary>
/// `gan data show`: the first batch a run would draw from an image folder, as a picture — after
/// resizing, crops and flips, and for paired data as (input | target) pairs side by side — so a
/// set and its --pairs, --augment and --background can be checked before training.
/// </summary>
public static class DataShowCommand
{
    public static Command Build(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "a folder of images, or embedded-emoji", Required = true };
        var dataB = new Option<string?>("--data-b") { Description = "the targets of --pairs by-name, or domain B of --pairs unpaired" };
        var pairs = new Option<string>("--pairs") { Description = "none, by-name, side-by-side, unpaired, edges, grey, low-res-2, low-res-4, masked", DefaultValueFactory = _ => "none" };
        var resolution = new Option<int>("--resolution") { Description = "side of the run's images", DefaultValueFactory = _ => 64 };
        var channels = new Option<int>("--channels") { Description = "1 (grey) or 3 (RGB)", DefaultValueFactory = _ => 3 };
        var augment = new Option<string>("--augment") { Description = "none, flip, crop, crop-flip", DefaultValueFactory = _ => "none" };
        var background = new Option<string>("--background") { Description = "white, black or #rrggbb", DefaultValueFactory = _ => "white" };
        var skipBad = new Option<bool>("--skip-bad") { Description = "skip (and count) files that cannot be decoded" };
        var count = new Option<int>("--count") { Description = "images (or pairs) to show", DefaultValueFactory = _ => 16 };
        var seed = new Option<long>("--seed") { Description = "the run's seed (batch order, crops, masks)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "PNG to write", DefaultValueFactory = _ => "data-show.png" };
        var show = new Command("show", "Write the first batch a run would see of an image folder (pairs as input | target) to a PNG.")
        {
            data, dataB, pairs, resolution, channels, augment, background, skipBad, count, seed, output,
        };
        show.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            var t = new TrainerOptions
            {
                Data = parse.GetValue(data), DataB = parse.GetValue(dataB), Pairs = parse.GetValue(pairs)!, Channels = parse.GetValue(channels),
                Augment = parse.GetValue(augment)!, Background = parse.GetValue(background)!, SkipBad = parse.GetValue(skipBad), Seed = parse.GetValue(seed),
            }.Validated();
            if (!t.IsImageFolder) throw new GanSharpException($"--data {t.Data}: not a folder of images (gan data show reads image folders)");
            int n = parse.GetValue(count);
            if (n < 1) throw new GanSharpException($"--count must be positive, got {n}");
            using var scope = NewDisposeScope();
            var (batches, description) = t.Pairs == "none"
                ? Single(t, parse.GetValue(resolution), n)
                : PairedData.Open(t, parse.GetValue(resolution), n, CPU, console.Line) is var p ? (p.Batches, p.Description) : default;
            using var _ = batches;
            var batch = batches.Next();
            var picture = batch.Y is null ? batch.X : Interleaved(batch.X, batch.Y);
            ImageGrid.Save(picture, parse.GetValue(output)!, columns: 8);
            console.Line($"{description}: wrote {parse.GetValue(output)} ({(batch.Y is null ? $"{n} images" : $"{n} pairs, each input then target")})");
            return ExitCode.Ok;
        });
        return show;
    }

    private static (IBatches, string) Single(TrainerOptions t, int side, int n)
    {
        var augment = CropFlip.Named(t.Augment, side);
        var folder = GanSharp.Data.Sources.ImageFolder.Load(t.ImageFolderPath(), t.FolderOptions(CropFlip.StoredSide(augment, side)));
        return (new BatchSampler(folder, Math.Min(n, (int)folder.Count), t.Seed, CPU, augment: augment), folder.Description);
    }

    /// <summary>Input, target, input, target …: inputs brought to the targets' channels and side (nearest, so low-resolution pixels show).</summary>
    private static Tensor Interleaved(Tensor x, Tensor y)
    {
        if (x.shape[1] != y.shape[1]) x = x.expand(-1, y.shape[1], -1, -1);
        if (x.shape[^1] != y.shape[^1]) x = nn.functional.interpolate(x, new long[] { y.shape[2], y.shape[3] }, mode: InterpolationMode.Nearest);
        return stack(new[] { x, y }, 1).flatten(0, 1);
    }
}
