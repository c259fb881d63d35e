using GanSharp.Features;
using GanSharp.Metrics;
using System.Text.Json;
using GanSharp.Data;
using GanSharp.Latent;
using GanSharp.Recipes;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// Does a conditional generator make what it is asked for? For each class (or InfoGAN category)
/// k, n samples are classified by the feature network: the share it calls k (label-conditional
/// runs), the confusion matrix, and FID of those samples against real images of class k. For
/// InfoGAN, whose categories have no names, the best one-to-one matching of categories to classes
/// gives the "best-matching accuracy".
/// </summary>
public static class ClassConsistency
{
    /// <summary>One class: the share of samples called that class, the class they were most often called, FID against real images of the class, and (as the ceiling) the share of those real images the feature network calls that class.</summary>
    public sealed record PerClass(int Class, double Accuracy, int MostPredicted, double Fid, long RealCount, double RealAccuracy);

    public sealed record Report
    {
        public required string Run { get; init; }
        public required long Step { get; init; }
        public required string FeatureNetwork { get; init; }
        /// <summary>The real images each class's FID is measured against.</summary>
        public string? Reference { get; init; }
        /// <summary>The real images of the per-class ceiling (the test split when installed: the feature network trained on the other).</summary>
        public string? CeilingSet { get; init; }
        public required int SamplesPerClass { get; init; }
        /// <summary>Share of samples classified as their requested class (label-conditional runs; for InfoGAN, under the best matching).</summary>
        public required double Accuracy { get; init; }
        /// <summary>The same measurement on real images of the classes: what a perfect generator would score.</summary>
        public double RealAccuracy => Classes.Average(c => c.RealAccuracy);
        /// <summary>InfoGAN: the class matched to each category; label-conditional runs: the identity.</summary>
        public required int[] ClassOfCategory { get; init; }
        public required IReadOnlyList<PerClass> Classes { get; init; }
        /// <summary>Rows: requested class or category; columns: the feature network's class; counts.</summary>
        public required long[][] Confusion { get; init; }

        public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, EvaluationReport.Json));
    }

    /// <summary>Measures a run folder against the training split (or the embedded test split) and writes RUN/classes.json.</summary>
    public static Report MeasureRun(string runFolder, int perClass, long seed, string? features, string? data, string checkpoint = "last")
    {
        var (net, netName) = FeatureNetworks.Load(features);
        var (reference, referenceName, test) = RunEvaluation.Reference(data, needBothSplits: false);
        using var sampler = new RunSampler(runFolder, checkpoint);
        var report = Measure(sampler, runFolder, perClass, seed, net, netName, reference, test) with { Reference = referenceName, CeilingSet = test is null ? referenceName : "Fashion-MNIST test split" };
        report.Save(Path.Combine(runFolder, "classes.json"));
        return report;
    }

    /// <param name="ceilingSet">real images the feature network did not train on, for the per-class ceiling (default: the reference)</param>
    public static Report Measure(RunSampler sampler, string runFolder, int perClass, long seed, IFeatureExtractor net, string netName, ImageDataset reference, ImageDataset? ceilingSet = null)
    {
        if (perClass < 10) throw new GanSharpException($"--per-class must be at least 10, got {perClass}");
        var recipe = sampler.Conditional("gan classes");
        int k = recipe.Code.Categories;
        if (k != net.Classes) throw new GanSharpException($"the run has {k} classes but the feature network knows {net.Classes}");
        var confusion = new long[k][];
        var fids = new double[k];
        var realCounts = new long[k];
        var realAccuracy = new double[k];
        using var g = Runtime.Seeding.Generator(seed, "class-consistency");
        for (int c = 0; c < k; c++)
        {
            using var scope = NewDisposeScope();
            var images = Evaluation.InBatches(perClass, (_, size) => sampler.SampleLatents(CodeGrids.OfClass(recipe, (int)size, c, g)));
            var (features, probabilities) = net.Extract(images);
            var predicted = probabilities.argmax(1);
            confusion[c] = bincount(predicted, minlength: k).data<long>().ToArray();
            var real = reference.Images.index_select(0, nonzero(reference.Labels.eq(c)).view(-1));
            realCounts[c] = real.shape[0];
            var (realFeatures, realProbabilities) = net.Extract(Evaluation.To28(real));
            if (ceilingSet is not null)
                realProbabilities = net.Extract(Evaluation.To28(ceilingSet.Images.index_select(0, nonzero(ceilingSet.Labels.eq(c)).view(-1)))).Probabilities;
            realAccuracy[c] = realProbabilities.argmax(1).eq(c).to_type(ScalarType.Float64).mean().item<double>();
            fids[c] = real.shape[0] < 10 ? double.NaN : Fid.Compute(Gaussian.Fit(realFeatures), Gaussian.Fit(features)).Value;
        }
        bool unsupervised = !recipe.NeedsLabels;                        // InfoGAN invents its categories: match them to classes
        var weights = new double[k, k];
        for (int r = 0; r < k; r++) for (int col = 0; col < k; col++) weights[r, col] = confusion[r][col];
        var classOf = unsupervised ? Assignment.Maximise(weights).ColumnOfRow : Enumerable.Range(0, k).ToArray();
        var rows = Enumerable.Range(0, k).Select(c => new PerClass(c, confusion[c][classOf[c]] / (double)perClass,
            Array.IndexOf(confusion[c], confusion[c].Max()), fids[c], realCounts[c], realAccuracy[classOf[c]])).ToList();
        return new Report
        {
            Run = runFolder, Step = sampler.Step, FeatureNetwork = netName, SamplesPerClass = perClass,
            Accuracy = rows.Average(r => r.Accuracy), ClassOfCategory = classOf, Classes = rows, Confusion = confusion,
        };
    }
}
