using GanSharp.Features;
using GanSharp.Metrics;
using GanSharp.Data;
using GanSharp.Data.Sources;
using GanSharp.Imaging;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// Evaluates a run folder (or the real test split, for the floor) against real Fashion-MNIST:
/// the reference is the training split when installed, else the embedded test split (said so).
/// Writes RUN/eval.json and RUN/nearest-neighbours.png.
/// </summary>
public static class RunEvaluation
{
    /// <summary>Evaluates <paramref name="runFolder"/>'s generator with <paramref name="count"/> samples.</summary>
    /// <param name="truncation">ψ of the truncation trick for every sample (null: none); the files then end in -psi-ψ</param>
    /// <param name="level">a pyramid level to measure (null: the finished images), against real images through the same low-pass; the files end in -level-SIDE</param>
    public static EvaluationReport EvaluateRun(string runFolder, int count, long seed, string? features, string? data, string checkpoint = "last", double? truncation = null, int? level = null)
    {
        if (count < 10) throw new GanSharpException($"--count must be at least 10, got {count}");
        using var sampler = new RunSampler(runFolder, checkpoint) { Truncation = truncation, Level = level };
        if (sampler.Config.Trainer.IsImageFolder) return FolderRunEvaluation.Evaluate(sampler, runFolder, count, seed, features);
        if (sampler.Config.Trainer.IsShapes) return VoxelRunEvaluation.Evaluate(sampler, runFolder, count, seed, features).Report;
        if (sampler.Config.DataSource.StartsWith(ImageFolder.DescriptionStart, StringComparison.Ordinal))
            throw new GanSharpException($"{runFolder} trained on the image folder {sampler.Config.Trainer.Data}, which is not there now");
        var (net, netName) = FeatureNetworks.Load(features);
        var (reference, referenceName, _) = Reference(data, needBothSplits: false);
        using var g = new Generator((ulong)seed);
        using var real = AsSeenBySamples(sampler, Subset(reference.Images, count, g));
        using var generated = Generate(sampler, count, seed);
        var report = Evaluation.Evaluate(net, netName, real, referenceName, generated, $"{runFolder} at step {sampler.Step} ({count:N0} samples)", reference.Labels, seed);
        SaveWithGrid(report, runFolder, sampler, net, real, generated);
        return report;
    }

    /// <summary>
    /// Fashion-MNIST references at 28×28 as a level of the run sees them: at the run's resolution,
    /// through the level's low-pass, and back to 28×28 as the samples are (unchanged without a level).
    /// </summary>
    private static Tensor AsSeenBySamples(RunSampler sampler, Tensor real)
    {
        if (sampler.Level is null) return real;
        using var scope = NewDisposeScope();
        int side = sampler.Config.Options.Resolution;
        var atRun = real.shape[^1] == side ? real : BatchSampler.Resize(real, side);
        return Evaluation.To28(sampler.AsSeenBySamples(atRun)).MoveToOuterDisposeScope();
    }

    /// <summary>RUN/eval.json and RUN/nearest-neighbours.png, or with the sampler's suffix (eval-psi-ψ.json, eval-level-S.json …).</summary>
    internal static void SaveWithGrid(EvaluationReport report, string runFolder, RunSampler sampler, IFeatureExtractor net, Tensor real, Tensor generated)
    {
        string suffix = sampler.FileSuffix;
        report.Save(Path.Combine(runFolder, $"eval{suffix}.json"));
        using var grid = Evaluation.NearestNeighbourGrid(net, real, generated);
        ImageGrid.Save(grid, Path.Combine(runFolder, $"nearest-neighbours{suffix}.png"), columns: 8);
    }

    /// <summary>
    /// Evaluates images that are not a run: a folder of PNGs (grey or colour, averaged to grey,
    /// any size, resized to 28×28) or an IDX image file. Writes eval.json into the folder, or
    /// beside the file as NAME.eval.json.
    /// </summary>
    public static EvaluationReport EvaluateImages(string path, int count, long seed, string? features, string? data)
    {
        var (images, what, reportPath) = Directory.Exists(path)
            ? (ReadPngFolder(path), $"PNG images of {path}", Path.Combine(path, "eval.json"))
            : (ReadIdx(path), $"IDX images of {path}", path + ".eval.json");
        using var g = new Generator((ulong)seed);
        using var generated = Subset(images, count, g);
        images.Dispose();
        var (net, netName) = FeatureNetworks.Load(features);
        var (reference, referenceName, _) = Reference(data, needBothSplits: false);
        using var real = Subset(reference.Images, (int)generated.shape[0], g);
        var report = Evaluation.Evaluate(net, netName, real, referenceName, generated, $"{what} ({generated.shape[0]:N0} images)", reference.Labels, seed);
        report.Save(reportPath);
        return report;
    }

    private static Tensor ReadPngFolder(string folder)
    {
        var files = Directory.GetFiles(folder, "*.png").Order().ToArray();
        if (files.Length < 10) throw new GanSharpException($"{folder}: {files.Length} PNG files; at least 10 are needed");
        var images = new List<Tensor>();
        foreach (var file in files)
        {
            images.Add(Evaluation.To28(ImageGrid.ReadGrey(file)).div(127.5f).sub(1f));
        }
        return cat(images, 0);
    }

    private static Tensor ReadIdx(string file)
    {
        var idx = IdxFile.Read(file, IdxFile.ImagesMagic);
        if (idx.Dimensions.Length != 3) throw new IdxFormatException(file, $"an image file must have 3 dimensions, has {idx.Dimensions.Length}");
        var pixels = tensor(idx.Data, new long[] { idx.Dimensions[0], 1, idx.Dimensions[1], idx.Dimensions[2] }, ScalarType.Byte);
        return Evaluation.To28(pixels.to_type(ScalarType.Float32).div(127.5f).sub(1f));
    }

    /// <summary>The test split against the training split: the best any generator can do in this feature space.</summary>
    public static EvaluationReport EvaluateRealFloor(int count, long seed, string? features, string? data)
    {
        var (reference, referenceName, test) = Reference(data, needBothSplits: true);
        var (net, netName) = FeatureNetworks.Load(features);
        using var g = new Generator((ulong)seed);
        using var real = Subset(reference.Images, count, g);
        using var other = Subset(test!.Images, count, g);
        return Evaluation.Evaluate(net, netName, real, referenceName, other, $"Fashion-MNIST test split ({other.shape[0]:N0} images)", reference.Labels, seed);
    }

    internal static (ImageDataset Reference, string Name, ImageDataset? Test) Reference(string? data, bool needBothSplits)
    {
        var location = FashionMnist.Locate(data);
        if (location.IsEmbedded)
        {
            if (needBothSplits) throw new GanSharpException("--real-floor needs both splits: install dataset-fashion-mnist or pass --data DIR");
            return (FashionMnist.Load(location), "Fashion-MNIST test split (the training split is not installed)", null);
        }
        var (train, test) = FashionMnist.LoadBoth(location);
        return (train, "Fashion-MNIST training split", test);
    }

    private static Tensor Subset(Tensor images, int n, Generator g) =>
        images.shape[0] <= n ? images.alias() : images.index_select(0, randperm(images.shape[0], generator: g).narrow(0, 0, n));

    /// <summary>n samples at 28×28 in batches of 500, noise seeded per batch; grey unless <paramref name="anyChannels"/>.</summary>
    public static Tensor Generate(RunSampler sampler, int n, long seed, bool anyChannels = false) =>
        Evaluation.InBatches(n, (start, size) =>
        {
            var images = sampler.Sample((int)size, seed * 1_000_003 + start / 500);
            if (!anyChannels && images.shape[1] != 1) throw new GanSharpException($"the feature network reads grey images; this generator makes {images.shape[1]} channels (use gan modes for stacked runs)");
            return images;
        });
}
