using GanSharp.Features;
using System.Text.Json;
using System.Text.Json.Serialization;
using GanSharp.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Metrics;

/// <summary>
/// All metrics of a set of generated images against real ones, in the feature space of one
/// feature network; the report names the network, the sample counts and the reference split.
/// </summary>
public sealed record EvaluationReport
{
    public required string FeatureNetwork { get; init; }
    public required string Reference { get; init; }
    public required string Generated { get; init; }
    public required long RealCount { get; init; }
    public required long GeneratedCount { get; init; }
    public required double Fid { get; init; }
    public string? FidWarning { get; init; }
    public required double KidMean { get; init; }
    public required double KidStd { get; init; }
    public required double InceptionScoreMean { get; init; }
    public required double InceptionScoreStd { get; init; }
    public required double ModeScore { get; init; }
    public required double Precision { get; init; }
    public required double Recall { get; init; }
    public required double Density { get; init; }
    public required double Coverage { get; init; }
    public required double Seconds { get; init; }

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));
}

/// <summary>Computes an <see cref="EvaluationReport"/> from images.</summary>
public static class Evaluation
{
    /// <summary>
    /// <paramref name="real"/> (N, 1, 28, 28) and <paramref name="generated"/> (M, 1, 28, 28) images in [-1, 1];
    /// <paramref name="trainLabels"/> the labels of the training split (the Mode Score's p*(y)).
    /// </summary>
    public static EvaluationReport Evaluate(IFeatureExtractor net, string netDescription, Tensor real, string reference,
        Tensor generated, string generatedDescription, Tensor trainLabels, long seed = 0)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var (fr, _) = net.Extract(real);
        var (fg, pg) = net.Extract(generated);
        var fid = Fid.Compute(Gaussian.Fit(fr), Gaussian.Fit(fg));
        using var g = new Generator((ulong)seed);
        var kid = Kid.Compute(fr, fg, g);
        var inception = InceptionScore.Compute(pg, splits: (int)Math.Min(10, generated.shape[0]));
        var prior = bincount(trainLabels, minlength: FeatureNetwork.Classes).to_type(ScalarType.Float64);
        double modeScore = InceptionScore.ModeScore(pg, prior / prior.sum());
        var pr = Manifold.ComputePrecisionRecall(fr, fg);
        var dc = Manifold.ComputeDensityCoverage(fr, fg);
        return new EvaluationReport
        {
            FeatureNetwork = netDescription, Reference = reference, Generated = generatedDescription,
            RealCount = real.shape[0], GeneratedCount = generated.shape[0],
            Fid = fid.Value, FidWarning = fid.Warning, KidMean = kid.Mean, KidStd = kid.Std,
            InceptionScoreMean = inception.Mean, InceptionScoreStd = inception.Std, ModeScore = modeScore,
            Precision = pr.Precision, Recall = pr.Recall, Density = dc.Density, Coverage = dc.Coverage,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>
    /// The nearest-neighbour grid (003: catch memorisation): each row is one generated image
    /// followed by its <paramref name="neighbours"/> nearest real images in feature space.
    /// </summary>
    public static Tensor NearestNeighbourGrid(IFeatureExtractor net, Tensor real, Tensor generated, int rows = 8, int neighbours = 7)
    {
        using var scope = NewDisposeScope();
        var (fr, _) = net.Extract(real);
        var (fg, _) = net.Extract(generated.narrow(0, 0, Math.Min(rows, generated.shape[0])));
        var nearest = cdist(fg, fr).topk(neighbours, largest: false).indexes;                         // (rows, neighbours)
        var tiles = new List<Tensor>();
        for (long r = 0; r < fg.shape[0]; r++)
        {
            tiles.Add(generated[r].unsqueeze(0));
            tiles.Add(real.index_select(0, nearest[r]));
        }
        return cat(tiles, 0).MoveToOuterDisposeScope();                                                // (rows · (1 + neighbours), 1, 28, 28)
    }

    /// <summary>
    /// n generated images at 28×28, made 500 at a time by <paramref name="batch"/>(start, size) — each
    /// batch in its own dispose scope, so only the finished images stay in memory.
    /// </summary>
    public static Tensor InBatches(long n, Func<long, long, Tensor> batch)
    {
        var parts = new List<Tensor>();
        for (long start = 0; start < n; start += 500)
        {
            using var scope = NewDisposeScope();
            parts.Add(To28(batch(start, Math.Min(500, n - start))).MoveToOuterDisposeScope());
        }
        return cat(parts, 0);
    }

    /// <summary>Brings images to the feature network's 28×28 (area averaging for larger generators).</summary>
    public static Tensor To28(Tensor images) =>
        images.shape[^1] == 28 ? images : nn.functional.interpolate(images, new long[] { 28, 28 }, mode: InterpolationMode.Area);
}
