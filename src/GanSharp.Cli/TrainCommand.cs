using System.CommandLine;
using GanSharp.Recipes;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>`gan train vanilla|dcgan [options]`: flags are kebab-case twins of GanOptions and TrainerOptions.</summary>
public static class TrainCommand
{
    public static Command Build(CliConsole console)
    {
        var family = new Argument<string>("family") { Description = "GAN family: vanilla (the book's MLP GAN) or dcgan" };
        family.AcceptOnlyFromAmong(GanOptions.Families.ToArray());
        var defaults = new GanOptions();
        var trainerDefaults = new TrainerOptions();

        var steps = new Option<long?>("--steps") { Description = "generator steps to train (wins over --epochs)" };
        var epochs = new Option<double?>("--epochs") { Description = "passes over the data (default 1 when --steps is not given)" };
        var seed = new Option<long>("--seed") { Description = "seed of weights, noise and batch order", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "libtorch threads (0 = one per core)", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu or cuda (cuda needs a TorchSharp CUDA build)", DefaultValueFactory = _ => "cpu" };
        var data = new Option<string?>("--data") { Description = "Fashion-MNIST folder, or 'embedded' (default: $GANSHARP_DATA, /usr/share/datasets/fashion-mnist, embedded copy)" };
        var runs = new Option<string>("--runs") { Description = "parent folder of run folders", DefaultValueFactory = _ => "runs" };
        var name = new Option<string?>("--name") { Description = "run folder name (default: family-date-time)" };
        var logEvery = new Option<int>("--log-every") { Description = "steps between metrics lines", DefaultValueFactory = _ => trainerDefaults.LogEvery };
        var sampleEvery = new Option<int>("--sample-every") { Description = "steps between sample grids and plot updates", DefaultValueFactory = _ => trainerDefaults.SampleEvery };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "steps between checkpoints", DefaultValueFactory = _ => trainerDefaults.CheckpointEvery };
        var noConvCheck = new Option<bool>("--no-conv-check") { Description = "skip the float32-vs-float64 convolution check" };

        var latent = new Option<int>("--latent-size") { Description = "size of z", DefaultValueFactory = _ => defaults.LatentSize };
        var prior = new Option<string>("--prior") { Description = "noise prior: normal or uniform", DefaultValueFactory = _ => defaults.Prior };
        prior.AcceptOnlyFromAmong(Prior.All.Select(p => p.Name).ToArray());
        var resolution = new Option<int>("--resolution") { Description = "image size: 28, or 64 (DCGAN; data upsampled)", DefaultValueFactory = _ => defaults.Resolution };
        var width = new Option<int?>("--width") { Description = "DCGAN base channels (default 64) or vanilla hidden units (default 500)" };
        var dSteps = new Option<int>("--d-steps") { Description = "k: discriminator steps per generator step", DefaultValueFactory = _ => defaults.DSteps };
        var gLoss = new Option<string>("--g-loss") { Description = "generator loss: non-saturating (−log D(G(z))) or minimax (log(1 − D(G(z))))", DefaultValueFactory = _ => defaults.GLoss };
        gLoss.AcceptOnlyFromAmong(Losses.Objective.All.Select(o => o.Name).ToArray());
        var batch = new Option<int>("--batch-size") { Description = "images per batch", DefaultValueFactory = _ => defaults.BatchSize };
        var lrG = new Option<double>("--lr-g") { Description = "generator learning rate (Adam)", DefaultValueFactory = _ => defaults.LrG };
        var lrD = new Option<double>("--lr-d") { Description = "discriminator learning rate (Adam)", DefaultValueFactory = _ => defaults.LrD };
        var beta1 = new Option<double>("--beta1") { Description = "Adam β1", DefaultValueFactory = _ => defaults.Beta1 };
        var beta2 = new Option<double>("--beta2") { Description = "Adam β2", DefaultValueFactory = _ => defaults.Beta2 };

        var command = new Command("train", "Train a GAN on Fashion-MNIST; writes a run folder (config, metrics, sample grids, plots, checkpoints).")
        {
            family, steps, epochs, seed, threads, device, data, runs, name, logEvery, sampleEvery, checkpointEvery, noConvCheck,
            latent, prior, resolution, width, dSteps, gLoss, batch, lrG, lrD, beta1, beta2,
        };
        command.SetAction((parse, cancel) =>
        {
            var f = parse.GetValue(family)!;
            var gan = GanOptions.DefaultsFor(f) with
            {
                LatentSize = parse.GetValue(latent),
                Prior = parse.GetValue(prior)!,
                Resolution = parse.GetValue(resolution),
                DSteps = parse.GetValue(dSteps),
                GLoss = parse.GetValue(gLoss)!,
                BatchSize = parse.GetValue(batch),
                LrG = parse.GetValue(lrG),
                LrD = parse.GetValue(lrD),
                Beta1 = parse.GetValue(beta1),
                Beta2 = parse.GetValue(beta2),
            };
            if (parse.GetValue(width) is int w) gan = gan with { Width = w };
            var trainer = new TrainerOptions
            {
                Steps = parse.GetValue(steps),
                Epochs = parse.GetValue(epochs),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                Device = parse.GetValue(device)!,
                Data = parse.GetValue(data),
                LogEvery = parse.GetValue(logEvery),
                SampleEvery = parse.GetValue(sampleEvery),
                CheckpointEvery = parse.GetValue(checkpointEvery),
                ConvCheck = !parse.GetValue(noConvCheck),
            };
            gan.Validated();
            trainer.Validated();
            var parent = parse.GetValue(runs)!;
            var dir = parse.GetValue(name) is string n ? new RunDirectory(Path.Combine(parent, n)) : RunDirectory.NewUnder(parent, f);
            if (File.Exists(dir.Config))
                throw new GanSharpException($"{dir.Root} already holds a run; continue it with 'gan resume {dir.Root}' or pick another --name");
            using var session = TrainingSession.Create(gan, trainer, dir, console.Line);
            return Task.FromResult(TrainingRunner.Run(session, console, cancel));
        });
        return command;
    }
}
