using System.CommandLine;
using GanSharp.Data;
using GanSharp.Losses;
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

        // GAN options: null unless given, so the family's defaults stand.
        var networks = Choice("--networks", "network shapes", GanOptions.NetworkKinds);
        var latent = new Option<int?>("--latent-size") { Description = "size of z (default 100)" };
        var prior = Choice("--prior", "noise prior", Prior.All.Select(p => p.Name).ToArray());
        var resolution = new Option<int?>("--resolution") { Description = "image size: 28, or 64 for dcgan networks (data upsampled; default 28)" };
        var width = new Option<int?>("--width") { Description = "dcgan base channels (default 64) or mlp hidden units (default 500)" };
        var dNorm = Choice("--d-norm", "normalisation in D's hidden layers (dcgan networks)", GanOptions.Norms);
        var spectralNorm = new Option<bool?>("--spectral-norm") { Description = "spectral normalisation of every D layer: true or false (default: the family's)" };
        var minibatchStdDev = new Option<bool?>("--minibatch-stddev") { Description = "append the minibatch standard deviation before D's last layer (ProGAN)" };
        var minibatchKernels = new Option<int?>("--minibatch-kernels") { Description = "minibatch discrimination with B kernels before D's last layer (Salimans et al. 2016); 0 = off" };
        var minibatchKernelDims = new Option<int?>("--minibatch-kernel-dims") { Description = "C, dimension of each minibatch-discrimination kernel (default 8)" };
        var featureMatching = new Option<bool?>("--feature-matching") { Description = "G matches the mean of D's features on real data instead of fooling D (Salimans et al. 2016)" };
        var realLabel = new Option<double?>("--real-label") { Description = "one-sided label smoothing: D's target for real images, e.g. 0.9 (BCE losses; default 1)" };
        var instanceNoise = new Option<double?>("--instance-noise") { Description = "σ of Gaussian noise added to D's inputs, annealed to 0 (default 0 = off)" };
        var instanceNoiseSteps = new Option<long?>("--instance-noise-steps") { Description = "steps over which the instance noise anneals to 0 (default 2000)" };
        var historicalAveraging = new Option<double?>("--historical-averaging") { Description = "λ of ‖θ − mean of past θ‖² for G and D (default 0 = off)" };
        var codeSize = new Option<int?>("--code-size") { Description = "code size of the autoencoder D (began, ebgan; default 64)" };
        var beganGamma = new Option<double?>("--began-gamma") { Description = "BEGAN diversity ratio γ (default 0.5)" };
        var beganLambdaK = new Option<double?>("--began-lambda-k") { Description = "BEGAN learning rate of k_t (default 0.001)" };
        var ebganMargin = new Option<double?>("--ebgan-margin") { Description = "EBGAN margin m (default 10)" };
        var ebganPullAway = new Option<double?>("--ebgan-pull-away") { Description = "EBGAN weight of the pulling-away term (default 0.1; 0 = off)" };
        var unrolledSteps = new Option<int?>("--unrolled-steps") { Description = "unrolled GAN: G's loss against D advanced k Adam steps, differentiated through (mlp networks; default 0 = off)" };
        var dSteps = new Option<int?>("--d-steps") { Description = "k: discriminator steps per generator step (n_critic)" };
        var loss = Choice("--loss", "adversarial loss", Objective.All.Select(o => o.Name).ToArray());
        loss.Aliases.Add("--g-loss");
        var penalty = Choice("--penalty", "penalty on D", GanOptions.PenaltyKinds);
        var penaltyWeight = new Option<double?>("--penalty-weight") { Description = "λ of gp/dragan, γ of r1/r2 (default 10)" };
        var clip = new Option<double?>("--clip") { Description = "WGAN weight clipping: clamp D's parameters to [−c, c]" };
        var optimizer = Choice("--optimizer", "optimiser", GanOptions.Optimizers);
        var emaDecay = new Option<double?>("--ema-decay") { Description = "sample from a moving average of G's weights with this decay (e.g. 0.999); default off" };
        var batch = new Option<int?>("--batch-size") { Description = "images per batch (default 64)" };
        var lrG = new Option<double?>("--lr-g") { Description = "generator learning rate" };
        var lrD = new Option<double?>("--lr-d") { Description = "discriminator learning rate" };
        var beta1 = new Option<double?>("--beta1") { Description = "Adam β1" };
        var beta2 = new Option<double?>("--beta2") { Description = "Adam β2" };

        var command = new Command("train", "Train a GAN on Fashion-MNIST; writes a run folder (config, metrics, sample grids, plots, checkpoints).")
        {
            family, steps, epochs, seed, threads, device, data, dataset, runs, name, logEvery, sampleEvery, checkpointEvery, evalEvery, evalSamples, features, noConvCheck,
            networks, latent, prior, resolution, width, dNorm, spectralNorm, minibatchStdDev, minibatchKernels, minibatchKernelDims, featureMatching, realLabel, instanceNoise, instanceNoiseSteps, historicalAveraging, codeSize, beganGamma, beganLambdaK, ebganMargin, ebganPullAway, unrolledSteps, dSteps, loss, penalty, penaltyWeight, clip, optimizer, emaDecay,
            batch, lrG, lrD, beta1, beta2,
        };
        command.SetAction((parse, cancel) =>
        {
            var f = Families.Named(parse.GetValue(family)!);
            var d = f.Defaults;
            var gan = d with
            {
                Networks = parse.GetValue(networks) ?? d.Networks,
                LatentSize = parse.GetValue(latent) ?? d.LatentSize,
                Prior = parse.GetValue(prior) ?? d.Prior,
                Resolution = parse.GetValue(resolution) ?? d.Resolution,
                Width = parse.GetValue(width) ?? d.Width,
                DNorm = parse.GetValue(dNorm) ?? d.DNorm,
                SpectralNorm = parse.GetValue(spectralNorm) ?? d.SpectralNorm,
                MinibatchStdDev = parse.GetValue(minibatchStdDev) ?? d.MinibatchStdDev,
                MinibatchKernels = parse.GetValue(minibatchKernels) ?? d.MinibatchKernels,
                MinibatchKernelDims = parse.GetValue(minibatchKernelDims) ?? d.MinibatchKernelDims,
                FeatureMatching = parse.GetValue(featureMatching) ?? d.FeatureMatching,
                RealLabel = parse.GetValue(realLabel) ?? d.RealLabel,
                InstanceNoise = parse.GetValue(instanceNoise) ?? d.InstanceNoise,
                InstanceNoiseSteps = parse.GetValue(instanceNoiseSteps) ?? d.InstanceNoiseSteps,
                HistoricalAveraging = parse.GetValue(historicalAveraging) ?? d.HistoricalAveraging,
                CodeSize = parse.GetValue(codeSize) ?? d.CodeSize,
                BeganGamma = parse.GetValue(beganGamma) ?? d.BeganGamma,
                BeganLambdaK = parse.GetValue(beganLambdaK) ?? d.BeganLambdaK,
                EbganMargin = parse.GetValue(ebganMargin) ?? d.EbganMargin,
                EbganPullAway = parse.GetValue(ebganPullAway) ?? d.EbganPullAway,
                UnrolledSteps = parse.GetValue(unrolledSteps) ?? d.UnrolledSteps,
                DSteps = parse.GetValue(dSteps) ?? d.DSteps,
                Loss = parse.GetValue(loss) ?? d.Loss,
                Penalty = parse.GetValue(penalty) ?? d.Penalty,
                PenaltyWeight = parse.GetValue(penaltyWeight) ?? d.PenaltyWeight,
                Clip = parse.GetValue(clip) ?? d.Clip,
                Optimizer = parse.GetValue(optimizer) ?? d.Optimizer,
                EmaDecay = parse.GetValue(emaDecay) ?? d.EmaDecay,
                BatchSize = parse.GetValue(batch) ?? d.BatchSize,
                Channels = parse.GetValue(dataset) == "stacked-fashion-mnist" ? 3 : 1,
                Dimension = parse.GetValue(dataset)!.StartsWith("toy:") ? ToyDistribution.Named(parse.GetValue(dataset)!["toy:".Length..]).Dimension : d.Dimension,
                LrG = parse.GetValue(lrG) ?? d.LrG,
                LrD = parse.GetValue(lrD) ?? d.LrD,
                Beta1 = parse.GetValue(beta1) ?? d.Beta1,
                Beta2 = parse.GetValue(beta2) ?? d.Beta2,
            };
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

    /// <summary>An option restricted to named values; a wrong one is rejected with the valid ones listed.</summary>
    private static Option<string?> Choice(string flag, string what, IReadOnlyList<string> values)
    {
        var option = new Option<string?>(flag) { Description = $"{what}: {string.Join(", ", values)} (default: the family's)" };
        option.AcceptOnlyFromAmong(values.ToArray());
        return option;
    }
}
