using GanSharp.Features;
using GanSharp.Metrics;
using GanSharp.Imaging;
using GanSharp.Latent;
using GanSharp.Recipes;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// `gan latent arithmetic RUN "7-5+9"`: class means of z found with the feature network, combined,
/// and drawn: one row per term (its mean's image, then the result and variations with small noise).
/// Voxel runs (Wu et al. 2016, figure 7: shape arithmetic) use the voxel classifier and draw renders.
/// </summary>
public static class RunArithmetic
{
    public sealed record Report(string Expression, IReadOnlyList<(int Class, long Samples)> Concepts, double ResultClassProbability, int ResultMostLikelyClass, string Output);

    public static Report Compute(string runFolder, string expression, int samples, long seed, string? features, string output)
    {
        using var sampler = new RunSampler(runFolder);
        bool volumes = sampler.Config.Trainer.IsShapes;   // voxel runs: classes of the voxel classifier, panels of renders
        int side = volumes ? sampler.Config.Options.Resolution : 28;
        IFeatureExtractor net = volumes
            ? VoxelClassifierTraining.LoadFor(sampler.Config.Trainer.Data!, side, features).Network
            : FeatureNetworks.Load(features).Network;
        if (RecipeCapabilities.Conditional(sampler.Recipe) is not null) throw new GanSharpException("latent arithmetic works on unconditional runs (their z alone decides the image); conditional runs have --class");
        var terms = LatentArithmetic.Parse(expression, net.Classes);
        using var g = Runtime.Seeding.Generator(seed, "arithmetic");
        var z = sampler.Recipe.Noise(samples, g);
        var probabilities = RunDirections.Classify(net, sampler, z, side);
        var means = new Dictionary<int, Tensor>();
        var concepts = new List<(int, long)>();
        foreach (var c in terms.Select(t => t.Class).Distinct())
        {
            var (mean, count) = LatentArithmetic.ClassMean(z, probabilities, c);
            means[c] = mean;
            concepts.Add((c, count));
        }
        var result = LatentArithmetic.Combine(terms, means);
        // The result and 7 neighbours (noise σ 0.25 as in the DCGAN paper's figure), beside each term's mean image.
        var variations = cat(new[] { result.unsqueeze(0), result.unsqueeze(0) + 0.25 * randn(new long[] { Math.Max(terms.Count, 8) - 1, result.shape[0] }, generator: g) }, 0);
        var resultImages = sampler.SampleLatents(variations);
        var termImages = sampler.SampleLatents(stack(terms.Select(t => means[t.Class]).ToArray()));
        int columns = Math.Max(terms.Count, 8);
        var blankShape = termImages.shape.ToArray();
        blankShape[0] = columns - terms.Count;
        var blank = volumes ? zeros(blankShape) : ones(blankShape);   // white cells (empty volumes) fill the first row
        var panel = cat(new[] { termImages, blank, resultImages }, 0);
        if (volumes) AtomicFile.Write(output, s => s.Write(VoxelRender.PanelPng(panel, columns)));
        else ImageGrid.Save(panel, output, columns);
        var p = net.Extract(volumes ? resultImages : Evaluation.To28(resultImages)).Probabilities.mean(new long[] { 0 });
        return new Report(expression, concepts, p.max().item<double>(), (int)p.argmax().item<long>(), output);
    }
}
