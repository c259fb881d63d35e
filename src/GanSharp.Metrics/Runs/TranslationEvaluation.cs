using System.Text.Json;
using GanSharp.Data;
using GanSharp.Data.Pairs;
using GanSharp.Features;
using GanSharp.Imaging;
using GanSharp.Recipes.ImageToImage;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// What `gan eval` measures of a translation run: its outputs against their targets pair by pair
/// (NaN for unpaired domains, which have no partner to compare with) and as a set; the same for the
/// baseline — the untranslated inputs, or for super-resolution their bicubic upscaling (NaN where
/// neither has the targets' shape); for CycleGAN the round trip's L1 distance to the input; and
/// whether the pairs were held out of training.
/// </summary>
public sealed record TranslationReport(string Run, long Step, string Data, int Pairs, bool Paired, bool HeldOut, string Baseline,
    double L1, double Psnr, double PsnrOfInputs, double Ssim, double SsimOfInputs, double Perceptual, double PerceptualOfInputs,
    double FidOfInputs, double CycleL1, EvaluationReport SetMetrics);

/// <summary>
/// `gan eval` of a run that translates (input, target) pairs (pix2pix, CycleGAN, SRGAN): the first n
/// pairs of its held-out part (--hold-out) or else of its data, as the sample grids show them, go
/// through G; L1, PSNR, SSIM and the perceptual distance against their targets, the same of the
/// baseline, and FID and the rest between the outputs and the targets in the feature network of the
/// targets' kind (Fashion-MNIST's, or the folder's own). Writes RUN/eval.json and RUN/translations.png
/// (baseline | output | target).
/// </summary>
public static class TranslationEvaluation
{
    /// <summary>The reports' JSON: camelCase as eval.json elsewhere; NaN and ∞ (a PSNR of identical images) spelled out.</summary>
    private static readonly JsonSerializerOptions Json = new(EvaluationReport.Json) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static TranslationReport Evaluate(RunSampler sampler, string runFolder, int count, long seed, string? features, string? data)
    {
        var t = sampler.Config.Trainer;
        var o = sampler.Config.Options;
        bool folder = t.IsImageFolder;
        using var idx = folder ? null : FashionMnist.Load(FashionMnist.Locate(data ?? t.Data));
        var pairs = PairedData.Open(t, o.Resolution, o.BatchSize, CPU, _ => { }, idx);
        using var _ = pairs.Batches;
        using var scope = NewDisposeScope();
        var examples = pairs.Examples((int)Math.Min(count, pairs.ExampleCount));
        var x = examples.X;
        var y = examples.RequireY("a translation run's data");
        var outputs = Evaluation.InBatches(x.shape[0], (start, size) => sampler.SampleLatents(x.narrow(0, start, size)), o.Resolution);
        var (net, netName) = FeatureNetworks.Load(folder ? features ?? FeatureStore.FindFor(t, o.Channels, o.Resolution) : features);
        using var __ = net;
        Tensor Seen(Tensor images) => folder ? images : Evaluation.To28(images);
        var set = Evaluation.Evaluate(net, netName, Seen(y), $"the targets of {pairs.Description}", Seen(outputs), $"{runFolder} at step {sampler.Step} ({x.shape[0]:N0} translations)",
            folder ? null : examples.Labels, seed);   // Fashion-MNIST's labels give its Inception and Mode Scores; a folder's network may not know its classes
        var (baseline, baselineName) = Baseline(x, y);
        bool paired = t.Pairs != "unpaired";
        double Paired(Func<Tensor, Tensor, double> metric, Tensor? images) => paired && images is not null ? metric(images, y) : double.NaN;
        double Perceptual(Tensor a, Tensor b) => PerceptualDistance.Of(net, Seen(a), Seen(b));
        double cycle = sampler.Recipe is CycleGan cycleGan
            ? ImageQuality.L1(Evaluation.InBatches(outputs.shape[0], (start, size) => cycleGan.SampleBackwards(outputs.narrow(0, start, size)), o.Resolution), x)
            : double.NaN;
        var report = new TranslationReport(runFolder, sampler.Step, pairs.Description, (int)x.shape[0], paired, pairs.HeldOut, baselineName,
            Paired(ImageQuality.L1, outputs), Paired(ImageQuality.Psnr, outputs), Paired(ImageQuality.Psnr, baseline),
            Paired(ImageQuality.Ssim, outputs), Paired(ImageQuality.Ssim, baseline), Paired(Perceptual, outputs), Paired(Perceptual, baseline),
            baseline is null ? double.NaN : FidOf(net, Seen(baseline), Seen(y)), cycle, set);
        AtomicFile.WriteAllText(Path.Combine(runFolder, "eval.json"), JsonSerializer.Serialize(report, Json));
        var shown = baseline ?? (x.shape[^1] == y.shape[^1] ? x.expand(-1, y.shape[1], -1, -1) : outputs);
        int rows = (int)Math.Min(8, x.shape[0]);
        ImageGrid.Save(stack(new[] { shown.narrow(0, 0, rows), outputs.narrow(0, 0, rows), y.narrow(0, 0, rows) }, 1).flatten(0, 1), Path.Combine(runFolder, "translations.png"), columns: 6);
        return report;
    }

    /// <summary>What a translator must beat: the inputs as they are when they have the targets' shape, their bicubic upscaling when they are smaller by a whole factor, else none.</summary>
    public static (Tensor? Images, string Name) Baseline(Tensor inputs, Tensor targets)
    {
        if (inputs.shape[1] != targets.shape[1]) return (null, "none (inputs and targets differ in channels)");
        if (inputs.shape[^1] == targets.shape[^1]) return (inputs, "the untranslated inputs");
        long factor = targets.shape[^1] / inputs.shape[^1];
        return factor * inputs.shape[^1] == targets.shape[^1] && factor * inputs.shape[^2] == targets.shape[^2]
            ? (LowResolution.Bicubic(inputs, (int)factor), $"bicubic ×{factor}")
            : (null, "none (inputs and targets differ in size)");
    }

    private static double FidOf(GanSharp.Features.IFeatureExtractor net, Tensor images, Tensor reference) =>
        Fid.Compute(Gaussian.Fit(net.Extract(reference).Features), Gaussian.Fit(net.Extract(images).Features)).Value;
}
