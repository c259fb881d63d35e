using GanSharp.Features;
using GanSharp.Metrics;
using System.Text.Json;
using GanSharp.Imaging;
using GanSharp.Latent;
using GanSharp.Recipes;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// Attribute directions of a run (seed 003), with the feature network as the attribute classifier:
/// fits the directions, checks that walking along each one moves the attribute, computes Σ_s, and
/// writes OUT/directions.json and one walk grid per attribute (OUT/direction-NAME.png).
/// </summary>
public static class RunDirections
{
    /// <summary>Fashion-MNIST classes: 0 T-shirt/top, 1 trouser, 2 pullover, 3 dress, 4 coat, 5 sandal, 6 shirt, 7 sneaker, 8 bag, 9 ankle boot.</summary>
    public static IReadOnlyList<string> DefaultAttributes { get; } = new[] { "footwear=5,7,9", "trouser=1", "bag=8", "sleeves=2,4,6" };

    public sealed record Walked(string Name, double HeldOutAccuracy, double Lambda, double PositiveFraction, double[] Alphas, double[] MeanProbability);

    public sealed record Report(string Run, long Step, int Samples, string FeatureNetwork, IReadOnlyList<Walked> Directions, double[][] ScoreCovariance, double OffDiagonal, double[][] Cosines);

    public static Report Fit(string runFolder, IReadOnlyList<ImageAttribute> attributes, int samples, long seed, string? features, string outputFolder, int columns = 9)
    {
        var (net, netName) = FeatureNetworks.Load(features);
        using var sampler = new RunSampler(runFolder);
        if (RecipeCapabilities.Conditional(sampler.Recipe) is not null) throw new GanSharpException("directions are fitted on unconditional runs (their z alone decides the image); this run is conditional: use gan sample --class");
        Directory.CreateDirectory(outputFolder);
        using var g = Runtime.Seeding.Generator(seed, "directions");
        var z = sampler.Recipe.Noise(samples, g);
        var probabilities = Classify(net, sampler, z);
        var directions = AttributeDirections.Fit(z, probabilities, attributes);
        var walked = new List<Walked>();
        var rows = sampler.Recipe.Noise(6, g);
        foreach (var d in directions)
        {
            using var scope = NewDisposeScope();
            var path = AttributeDirections.Walk(rows, d, columns);
            var images = sampler.SampleLatents(path);
            ImageGrid.Save(images, Path.Combine(outputFolder, $"direction-{d.Name}.png"), columns);
            var attribute = attributes.First(a => a.Name == d.Name);
            var p = attribute.Probability(net.Extract(Evaluation.To28(images)).Probabilities).view(-1, columns).mean(new long[] { 0 });
            walked.Add(new Walked(d.Name, d.HeldOutAccuracy, d.Lambda, d.PositiveFraction,
                linspace(-3, 3, columns).to_type(ScalarType.Float64).data<double>().ToArray(), p.to_type(ScalarType.Float64).data<double>().ToArray()));
        }
        var sigma = AttributeDirections.ScoreCovariance(directions);
        var report = new Report(runFolder, sampler.Step, samples, netName, walked, ToJagged(sigma), AttributeDirections.OffDiagonal(sigma),
            directions.Select(a => directions.Select(b => AttributeDirections.Cosine(a, b)).ToArray()).ToArray());
        AtomicFile.WriteAllText(Path.Combine(outputFolder, "directions.json"), JsonSerializer.Serialize(report, EvaluationReport.Json));
        return report;
    }

    /// <summary>Class probabilities (N, K) of G(z).</summary>
    /// <param name="side">the side the network reads: 28 for the Fashion-MNIST network, the run's for a voxel classifier</param>
    internal static Tensor Classify(IFeatureExtractor net, RunSampler sampler, Tensor z, int side = 28) =>
        net.Extract(Evaluation.InBatches(z.shape[0], (start, size) => sampler.SampleLatents(z.narrow(0, start, size)), side)).Probabilities;

    private static double[][] ToJagged(double[,] m) =>
        Enumerable.Range(0, m.GetLength(0)).Select(i => Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j]).ToArray()).ToArray();
}
