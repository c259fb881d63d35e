using GanSharp.Features;
using GanSharp.Metrics;
using GanSharp.Data;
using GanSharp.Imaging;
using GanSharp.Latent;
using GanSharp.Recipes;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// `gan invert`, the Age-cGAN way (seed 004): encoder guess, latent optimisation in pixel and
/// feature space (the feature network's features), then the same latent with other classes.
/// Writes a strip: target | G(E(x)) | G(z*) | G(z*, y′) for each requested class.
/// </summary>
public static class RunInversion
{
    public sealed record Report(string Target, int? Class, double LossAtEncoderGuess, double LossAfter, int Steps, int RejectedSteps, int[] RegeneratedClasses, string Output);

    public static Report Invert(string runFolder, string image, int? klass, int[]? toClasses, int steps, double featureWeight, int encoderSteps, string output, Action<string> say, string? data = null)
    {
        using var sampler = new RunSampler(runFolder);
        if (sampler.Recipe is not ConditionalGan && toClasses is { Length: > 0 }) throw new GanSharpException("--to-class needs a conditional run (cgan, acgan, projection, infogan)");
        var found = FindLatent(sampler, runFolder, image, klass, steps, featureWeight, encoderSteps, say, data);
        var regenerate = sampler.Recipe is not ConditionalGan ? Array.Empty<int>() : toClasses is { Length: > 0 } ? toClasses : Enumerable.Range(0, ((ConditionalGan)sampler.Recipe).Options.Classes).ToArray();
        var strip = new List<Tensor> { found.Target, sampler.SampleLatents(found.Latent(found.EncoderGuess)), sampler.SampleLatents(found.Latent(found.Result.Z)) };
        strip.AddRange(regenerate.Select(c => sampler.SampleLatents(found.LatentOfClass(found.Result.Z, c))));
        ImageGrid.Save(cat(strip, 0), output, columns: strip.Count);
        var losses = found.Result.Losses;
        return new Report(image, found.Class, losses[0], losses[^1], losses.Count - 1, found.Result.RejectedSteps, regenerate, output);
    }

    /// <summary>What inversion found: the target, the encoder's guess, the optimised z, and the image's class (conditional runs).</summary>
    public sealed record Found(Tensor Target, Tensor EncoderGuess, Inversion.Result Result, int? Class, Func<Tensor, int, Tensor> LatentOfClass)
    {
        /// <summary>G's full input for z with the image's own class.</summary>
        public Tensor Latent(Tensor z) => LatentOfClass(z, Class ?? 0);
    }

    /// <summary>The latent vector of an image: encoder guess (the encoder is trained first if the run has none), then optimisation.</summary>
    public static Found FindLatent(RunSampler sampler, string runFolder, string image, int? klass, int steps, double featureWeight, int encoderSteps, Action<string> say, string? data = null)
    {
        var options = sampler.Config.Options;
        var conditional = sampler.Recipe as ConditionalGan;
        var (net, _) = FeatureNetworks.Load();
        var (target, label) = ReadTarget(image, options, data);
        var encoder = EncoderTraining.Load(runFolder, options);
        if (encoder is null)
        {
            say($"{runFolder} has no encoder yet: training one ({encoderSteps} steps; gan latent encoder trains it on its own)");
            var (trained, summary) = EncoderTraining.Train(sampler.Recipe, options, encoderSteps, seed: 0, sampler.Step, say);
            EncoderTraining.Save(runFolder, trained, summary);
            say($"encoder: held-out ‖E(G(z)) − z‖² per dimension {summary.HeldOutMseBefore:F3} → {summary.HeldOutMseAfter:F3}");
            encoder = trained;
            encoder.eval();
        }
        int? y = null;
        if (conditional is not null)
        {
            y = klass ?? label ?? (int)net.Extract(Evaluation.To28(target)).Probabilities.argmax(1).item<long>();
            if (y < 0 || y >= conditional.Options.Classes) throw new GanSharpException($"--class {y} does not exist; the run has classes 0..{conditional.Options.Classes - 1}");
            say($"inverting {image} as class {y}" + (klass is null && label is null ? " (the feature network's guess)" : ""));
        }
        Func<Tensor, int, Tensor> latentOfClass = conditional is null ? (z, _) => z : (z, c) => conditional.Latent(z, full(z.shape[0], c, dtype: ScalarType.Int64));
        Tensor z0;
        using (no_grad()) z0 = encoder.forward(target);
        var result = Inversion.Optimise(sampler.Recipe, z => latentOfClass(z, y ?? 0), target, z0, x => net.Features(Evaluation.To28(x)), featureWeight, steps);
        return new Found(target, z0, result, y, latentOfClass);
    }

    /// <summary>"test:N" (image N of the Fashion-MNIST test split, with its label) or a PNG file, as (1, C, R, R) in [−1, 1].</summary>
    private static (Tensor Image, int? Label) ReadTarget(string image, GanSharp.Recipes.Options.FamilyOptions options, string? data)
    {
        if (options.Channels != 1) throw new GanSharpException("inversion reads grey images; this run makes colour (stacked) images");
        Tensor x;
        int? label = null;
        if (image.StartsWith("test:", StringComparison.Ordinal))
        {
            if (!int.TryParse(image["test:".Length..], out int index)) throw new GanSharpException($"'{image}': expected test:N with N a number");
            var location = FashionMnist.Locate(data);
            ImageDataset set;
            if (location.IsEmbedded) set = FashionMnist.Load(location);
            else
            {
                var (train, test) = FashionMnist.LoadBoth(location);
                train.Dispose();
                set = test;
            }
            using var _ = set;
            if (index < 0 || index >= set.Count) throw new GanSharpException($"'{image}': the test split has images 0..{set.Count - 1}");
            x = set.Images[index].unsqueeze(0).clone();
            label = (int)set.Labels[index].item<long>();
        }
        else
        {
            if (!File.Exists(image)) throw new GanSharpException($"{image}: image not found");
            x = ImageGrid.ReadGrey(image).div(127.5f).sub(1f);
        }
        if (x.shape[^1] != options.Resolution) x = BatchSampler.Resize(x, options.Resolution);
        return (x, label);
    }
}
