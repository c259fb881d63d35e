using System.Text.Json;
using GanSharp.Data;
using GanSharp.Data.Voxels;
using GanSharp.Features;
using GanSharp.Imaging;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// `gan eval` of a voxel run (gan3d): FID, KID, precision/recall and density/coverage in the
/// features of the voxel classifier `gan features train --data shapes` made, against shapes of the
/// run's data, with the data's own floor (half its shapes against the other half), into eval.json;
/// and in eval-shapes.json the memorisation check — each sample's IoU with its nearest training
/// shape, beside the same for real shapes against the rest of the set — and the class histogram of
/// samples by the classifier. nearest-neighbours.png renders each sample beside its nearest real
/// shapes in feature space.
/// </summary>
public static class VoxelRunEvaluation
{
    /// <summary>Samples (and real shapes) whose nearest training shape is searched: every sample against every training shape.</summary>
    public const int IouShapes = 200;

    public sealed record ClassShare(string Class, long Samples, double Share, double DataShare);

    public sealed record ShapeReport(string Classifier, string Data, long Step, long Samples, IReadOnlyList<ClassShare> Classes,
        long IouShapes, long IouReferences, double SampleIouMean, double SampleIouMedian, double SampleShareAbove90,
        double RealIouMean, double RealIouMedian, double RealShareAbove90);

    public static (EvaluationReport Report, ShapeReport Shapes) Evaluate(RunSampler sampler, string runFolder, int count, long seed, string? features)
    {
        var trainer = sampler.Config.Trainer;
        int side = sampler.Config.Options.Resolution;
        string data = trainer.Data!;
        var (net, info, description) = VoxelClassifierTraining.LoadFor(data, side, features);
        using var _ = net;
        if (net.Side != side) throw new GanSharpException($"the voxel classifier reads {net.Side}³ grids; {runFolder} makes {side}³");
        using var set = VoxelSets.Open(data, side);
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)seed);
        var picked = randperm(set.Count, generator: g).narrow(0, 0, Math.Min(count, set.Count));
        var real = set.Read(picked).X;
        var generated = Evaluation.InBatches(count, (start, size) => sampler.Sample((int)size, seed * 1_000_003 + start / 500), side);
        var labels = Labels(set);
        var report = Evaluation.Evaluate(net, description, real, set.Description, generated, $"{runFolder} at step {sampler.Step} ({count:N0} samples)",
            net.Classes == VoxelSets.ClassNames(data).Count ? labels : null, seed) with { Floor = Evaluation.Floor(net, real, generated, seed) };
        report.Save(Path.Combine(runFolder, "eval.json"));
        using (var grid = Evaluation.NearestNeighbourGrid(net, real, generated))
            AtomicFile.Write(Path.Combine(runFolder, "nearest-neighbours.png"), s => s.Write(VoxelRender.PanelPng(grid, 8)));

        long k = Math.Min(IouShapes, Math.Min(count, set.Count));
        Tensor Read(long start, long n) => set.Read(arange(start, start + n)).X;
        var sampleIou = NearestShapes.Nearest(generated.narrow(0, 0, k), set.Count, Read);
        var realIndices = picked.narrow(0, 0, k).data<long>().ToArray();
        var realIou = NearestShapes.Nearest(real.narrow(0, 0, k), set.Count, Read, skip: realIndices);
        var (_, probabilities) = net.Extract(generated);
        var predicted = bincount(probabilities.argmax(1), minlength: net.Classes).data<long>().ToArray();
        var dataCounts = bincount(labels, minlength: net.Classes).data<long>().ToArray();
        var names = info.ClassNames;
        var classes = names.Select((name, i) => new ClassShare(name, predicted[i], predicted[i] / (double)count, dataCounts[i] / (double)set.Count)).ToList();
        var shapes = new ShapeReport(description, set.Description, sampler.Step, count, classes, k, set.Count,
            sampleIou.Mean, sampleIou.Median, sampleIou.ShareAbove(0.9), realIou.Mean, realIou.Median, realIou.ShareAbove(0.9));
        AtomicFile.WriteAllText(Path.Combine(runFolder, "eval-shapes.json"), JsonSerializer.Serialize(shapes, EvaluationReport.Json));
        return (report, shapes);
    }

    /// <summary>Every shape's label, read in chunks (the grids of a whole set need not fit in memory at once).</summary>
    private static Tensor Labels(IDataSource set)
    {
        var parts = new List<Tensor>();
        for (long start = 0; start < set.Count; start += 1000)
            parts.Add(set.Read(arange(start, Math.Min(start + 1000, set.Count))).RequireLabels("shape metrics"));
        return cat(parts, 0);
    }
}
