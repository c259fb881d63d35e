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
    /// <summary>Inception and Mode Scores: null when the feature network's classes are not the data's (a rotation network).</summary>
    public double? InceptionScoreMean { get; init; }
    public double? InceptionScoreStd { get; init; }
    public double? ModeScore { get; init; }
    public required double Precision { get; init; }
    public required double Recall { get; init; }
    public required double Density { get; init; }
    public required double Coverage { get; init; }
    public required double Seconds { get; init; }
    /// <summary>Image folders: the same metrics between two halves of the real images, the best a generator can hope for here.</summary>
    public RealFloor? Floor { get; init; }

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));
}

/// <summary>
/// Like for like on a small set: FID and KID of half A of the real images against half B (the floor)
/// and against as many generated images (<paramref name="Count"/> each), so the sample-size bias of
/// FID is the same on both sides.
/// </summary>
public sealed record RealFloor(long Count, double Fid, double KidMean, double KidStd, double GeneratedFid, double GeneratedKidMean);

/// <summary>Computes an <see cref="EvaluationReport"/> from images.</summary>
public static class Evaluation
{
    /// <summary>
    /// <paramref name="real"/> (N, C, S, S) and <paramref name="generated"/> (M, C, S, S) images in [-1, 1], as the network reads them;
    /// <paramref name="trainLabels"/> the labels of the training split (the Mode Score's p*(y)), or
    /// null when the network's classes are not the data's (then no Inception or Mode Score).
    /// </summary>
    public static EvaluationReport Evaluate(IFeatureExtractor net, string netDescription, Tensor real, string reference,
        Tensor generated, string generatedDescription, Tensor? trainLabels, long seed = 0)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var (fr, _) = net.Extract(real);
        var (fg, pg) = net.Extract(generated);
        var fid = Fid.Compute(Gaussian.Fit(fr), Gaussian.Fit(fg));
        using var g = new Generator((ulong)seed);
        var kid = Kid.Compute(fr, fg, g);
        var inception = trainLabels is null ? null : InceptionScore.Compute(pg, splits: (int)Math.Min(10, generated.shape[0]));
        var prior = trainLabels is null ? null : bincount(trainLabels, minlength: net.Classes).to_type(ScalarType.Float64);
        double? modeScore = prior is null ? null : InceptionScore.ModeScore(pg, prior / prior.sum());
        var pr = Manifold.ComputePrecisionRecall(fr, fg);
        var dc = Manifold.ComputeDensityCoverage(fr, fg);
        return new EvaluationReport
        {
            FeatureNetwork = netDescription, Reference = reference, Generated = generatedDescription,
            RealCount = real.shape[0], GeneratedCount = generated.shape[0],
            Fid = fid.Value, FidWarning = fid.Warning, KidMean = kid.Mean, KidStd = kid.Std,
            InceptionScoreMean = inception?.Mean, InceptionScoreStd = inception?.Std, ModeScore = modeScore,
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

    /// <summary>The <see cref="RealFloor"/> of <paramref name="real"/> split in halves by <paramref name="seed"/>, with as many of <paramref name="generated"/>.</summary>
    public static RealFloor Floor(IFeatureExtractor net, Tensor real, Tensor generated, long seed)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)seed + 1);
        long half = Math.Min(real.shape[0] / 2, generated.shape[0]);
        var order = randperm(real.shape[0], generator: g);
        var (fa, _) = net.Extract(real.index_select(0, order.narrow(0, 0, half)));
        var (fb, _) = net.Extract(real.index_select(0, order.narrow(0, half, half)));
        var (fg, _) = net.Extract(generated.narrow(0, 0, half));
        var a = Gaussian.Fit(fa);
        var floorKid = Kid.Compute(fa, fb, g);
        var generatedKid = Kid.Compute(fa, fg, g);
        return new RealFloor(half, Fid.Compute(a, Gaussian.Fit(fb)).Value, floorKid.Mean, floorKid.Std, Fid.Compute(a, Gaussian.Fit(fg)).Value, generatedKid.Mean);
    }

    /// <summary>
    /// n generated images at <paramref name="side"/>×<paramref name="side"/>, made 500 at a time by
    /// <paramref name="batch"/>(start, size) — each batch in its own dispose scope, so only the
    /// finished images stay in memory.
    /// </summary>
    public static Tensor InBatches(long n, Func<long, long, Tensor> batch, int side = 28)
    {
        var parts = new List<Tensor>();
        for (long start = 0; start < n; start += 500)
        {
            using var scope = NewDisposeScope();
            parts.Add(ToSide(batch(start, Math.Min(500, n - start)), side).MoveToOuterDisposeScope());
        }
        return cat(parts, 0);
    }

    /// <summary>Brings images to the Fashion-MNIST feature network's 28×28 (area averaging for larger generators).</summary>
    public static Tensor To28(Tensor images) => ToSide(images, 28);

    private static Tensor ToSide(Tensor images, int side) =>
        images.shape[^1] == side ? images : nn.functional.interpolate(images, new long[] { side, side }, mode: InterpolationMode.Area);
}
