using System.CommandLine;
using GanSharp.Data;
using GanSharp.Recipes;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>
/// `gan train FAMILY [options]`: a family gives its paper's defaults (gan list shows them); a flag
/// given on the command line overrides one. Flags are kebab-case twins of GanOptions and TrainerOptions.
/// </summary>
public static class TrainCommand
{
    public static Command Build(CliConsole console)
    {
        var family = new Argument<string>("family") { Description = "GAN family: " + string.Join(", ", Families.Names) + " (see gan list)" };
        family.AcceptOnlyFromAmong(Families.Names.ToArray());
        var trainerDefaults = new TrainerOptions();

        var steps = new Option<long?>("--steps") { Description = "generator steps to train (wins over --epochs)" };
        var epochs = new Option<double?>("--epochs") { Description = "passes over the data (default 1 when --steps is not given)" };
        var seed = new Option<long>("--seed") { Description = "seed of weights, noise and batch order", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "libtorch threads (0 = one per core)", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu or cuda (cuda needs a TorchSharp CUDA build)", DefaultValueFactory = _ => "cpu" };
        var data = new Option<string?>("--data") { Description = "Fashion-MNIST folder, or 'embedded' (default: $GANSHARP_DATA, /usr/share/datasets/fashion-mnist, embedded copy)" };
        var dataset = new Option<string>("--dataset") { Description = "fashion-mnist, stacked-fashion-mnist (3 channels, 1,000 modes), or toy:NAME (" + string.Join(", ", ToyDistribution.All.Select(t => t.Name)) + ")", DefaultValueFactory = _ => "fashion-mnist" };
        var runs = new Option<string>("--runs") { Description = "parent folder of run folders", DefaultValueFactory = _ => "runs" };
        var name = new Option<string?>("--name") { Description = "run folder name (default: family-date-time)" };
        var logEvery = new Option<int>("--log-every") { Description = "steps between metrics lines", DefaultValueFactory = _ => trainerDefaults.LogEvery };
        var sampleEvery = new Option<int>("--sample-every") { Description = "steps between sample grids and plot updates", DefaultValueFactory = _ => trainerDefaults.SampleEvery };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "steps between checkpoints", DefaultValueFactory = _ => trainerDefaults.CheckpointEvery };
        var evalEvery = new Option<int>("--eval-every") { Description = "steps between FID/KID evaluations (a multiple of --log-every; keeps checkpoints/best.ckpt); 0 = off", DefaultValueFactory = _ => 0 };
        var evalSamples = new Option<int>("--eval-samples") { Description = "generated images per evaluation", DefaultValueFactory = _ => trainerDefaults.EvalSamples };
        var features = new Option<string?>("--features") { Description = "feature-network weights for evaluation (default: the embedded one)" };
        var noConvCheck = new Option<bool>("--no-conv-check") { Description = "skip the float32-vs-float64 convolution check" };

        var ganFlags = new GanFlags();

        var command = new Command("train", "Train a GAN on Fashion-MNIST (or stacked or toy data); writes a run folder (config, metrics, sample grids, plots, checkpoints).")
        {
            family, steps, epochs, seed, threads, device, data, dataset, runs, name, logEvery, sampleEvery, checkpointEvery, evalEvery, evalSamples, features, noConvCheck,
        };
        foreach (var option in ganFlags.All) command.Options.Add(option);
        command.SetAction((parse, cancel) =>
        {
            var f = Families.Named(parse.GetValue(family)!);
            var d = f.Defaults;
            var gan = ganFlags.Apply(parse, d);
            var trainer = new TrainerOptions
            {
                Steps = parse.GetValue(steps),
                Epochs = parse.GetValue(epochs),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                Device = parse.GetValue(device)!,
                Data = parse.GetValue(data),
                Dataset = parse.GetValue(dataset)!,
                LogEvery = parse.GetValue(logEvery),
                SampleEvery = parse.GetValue(sampleEvery),
                CheckpointEvery = parse.GetValue(checkpointEvery),
                ConvCheck = !parse.GetValue(noConvCheck),
                EvalEvery = parse.GetValue(evalEvery),
                EvalSamples = parse.GetValue(evalSamples),
                Features = parse.GetValue(features),
            };
            gan.Validated();
            trainer.Validated();
            var parent = parse.GetValue(runs)!;
            var dir = parse.GetValue(name) is string n ? new RunDirectory(Path.Combine(parent, n)) : RunDirectory.NewUnder(parent, f.Name);
            if (File.Exists(dir.Config))
                throw new GanSharpException($"{dir.Root} already holds a run; continue it with 'gan resume {dir.Root}' or pick another --name");
            using var session = TrainingSession.Create(gan, trainer, dir, console.Line);
            return Task.FromResult(TrainingRunner.Run(session, console, cancel));
        });
        return command;
    }
}
