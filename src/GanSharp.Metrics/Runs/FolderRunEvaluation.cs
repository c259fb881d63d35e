using GanSharp.Data.Sources;
using GanSharp.Features;
using GanSharp.Imaging;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// `gan eval` of a run trained on an image folder: the folder's images at the run's side and
/// channels (the centre square, as training saw them without augmentation) are the reference, in
/// the feature space of the network `gan features train --data FOLDER` made for that folder; the
/// report adds the folder's own floor (half of its images against the other half).
/// </summary>
public static class FolderRunEvaluation
{
    public static EvaluationReport Evaluate(RunSampler sampler, string runFolder, int count, long seed, string? features)
    {
        var trainer = sampler.Config.Trainer;
        int side = sampler.Config.Options.Resolution, channels = sampler.Config.Options.Channels;
        string folderPath = trainer.ImageFolderPath();
        var path = features ?? FeatureStore.FindFor(trainer, channels, side);
        var (net, netName, info) = FeatureNetworks.LoadFile(path);
        using var _ = net;
        if (net.Input.Channels != channels || net.Input.Side != side)
            throw new GanSharpException($"{path} reads {net.Input}; {runFolder} makes {(channels == 1 ? "grey" : "RGB")} {side}×{side} images");
        bool classes = info?.Task == FeatureTask.Labels;   // the Inception and Mode Scores need the network's classes to be the folder's
        using var folder = ImageFolder.Load(folderPath, trainer.FolderOptions(side) with { Labels = classes });
        using var scope = NewDisposeScope();
        var all = folder.Read(arange(folder.Count));
        all = all with { X = sampler.AsSeenBySamples(all.X) };           // a pyramid level is measured against the real images through its low-pass
        using var g = new Generator((ulong)seed);
        using var real = all.X.shape[0] <= count ? all.X.alias() : all.X.index_select(0, randperm(all.X.shape[0], generator: g).narrow(0, 0, count));
        using var generated = Evaluation.InBatches(count, (start, size) => sampler.Sample((int)size, seed * 1_000_003 + start / 500), side);
        var report = Evaluation.Evaluate(net, netName, real, folder.Description, generated, $"{runFolder} at step {sampler.Step} ({count:N0} samples)",
            classes && net.Classes == folder.ClassNames?.Count ? all.Labels : null, seed) with { Floor = Evaluation.Floor(net, all.X, generated, seed) };
        RunEvaluation.SaveWithGrid(report, runFolder, sampler, net, real, generated);
        return report;
    }
}
