using GanSharp.Features;
using GanSharp.Latent;
using GanSharp.Recipes;
using GanSharp.Runtime;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// `gan eval RUN --path-length w|z`: the perceptual path length of a run's generator (the EMA copy
/// when there is one), in the perceptual distance of the run's feature network — the folder's own
/// network for image-folder runs, the embedded Fashion-MNIST one otherwise. In W (StyleGAN's
/// mapping) the paths are straight lines; in Z they are great circles (slerp, as the paper
/// interpolates z), and a conditional run keeps each pair's class along its path. Writes
/// RUN/path-length-SPACE.json.
/// </summary>
public static class RunPathLength
{
    public static IReadOnlyList<string> Spaces { get; } = new[] { "w", "z" };

    public sealed record Report(string Run, long Step, string Space, string Path, string FeatureNetwork, int Pairs, int Kept, double Epsilon, double Length, double Median);

    public static Report Measure(string runFolder, string space, int pairs, long seed, string? features, string checkpoint)
    {
        if (!Spaces.Contains(space)) throw new GanSharpException($"--path-length takes w or z, not {space}");
        if (pairs < 100) throw new GanSharpException($"--count must be at least 100 pairs for the path length (its 1st and 99th percentiles are dropped), got {pairs}");
        using var sampler = new RunSampler(runFolder, checkpoint);
        var (o, trainer) = (sampler.Config.Options, sampler.Config.Trainer);
        bool folder = trainer.IsImageFolder;
        var (net, netName) = FeatureNetworks.Load(folder ? features ?? FeatureStore.FindFor(trainer, o.Channels, o.Resolution) : features);
        using var _ = net;
        using var scope = NewDisposeScope();
        using var g = Seeding.Generator(seed, "path-length");
        var recipe = sampler.Recipe;
        var a = recipe.Noise(pairs, g);
        var b = recipe.Noise(pairs, g);
        Func<Tensor, Tensor> generate;
        Func<Tensor, Tensor, Tensor, Tensor> path;
        if (space == "w")
        {
            var styles = recipe as IStyleSpace ?? throw new GanSharpException($"--path-length w needs a family with a mapping network to W (stylegan); this run is {sampler.Config.Family}: measure it in z");
            (a, b) = (styles.MapToW(a), styles.MapToW(b));
            (path, generate) = (Interpolation.LerpRows, styles.SynthesizeW);
        }
        else
        {
            long z = o.LatentSize, code = a.shape[1] - z;
            if (code > 0) b = cat(new[] { b.narrow(1, 0, z), a.narrow(1, z, code) }, 1);       // each path stays in its start's class
            path = (x, y, t) => code == 0 ? Interpolation.SlerpRows(x, y, t)
                : cat(new[] { Interpolation.SlerpRows(x.narrow(1, 0, z), y.narrow(1, 0, z), t), x.narrow(1, z, code) }, 1);
            generate = recipe.Sample;
        }
        Tensor Seen(Tensor images) => folder ? images : Evaluation.To28(images);
        var result = PerceptualPathLength.Measure(a, b, path, generate, (x, y) => PerceptualDistance.PerImage(net, Seen(x), Seen(y)), g);
        var report = new Report(runFolder, sampler.Step, space, space == "w" ? "lerp" : "slerp", netName, result.Pairs, result.Kept, PerceptualPathLength.Epsilon,
            result.Mean, PerceptualPathLength.Percentile(result.Lengths, 50));
        AtomicFile.WriteAllText(System.IO.Path.Combine(runFolder, $"path-length-{space}.json"), System.Text.Json.JsonSerializer.Serialize(report, EvaluationReport.Json));
        return report;
    }
}
