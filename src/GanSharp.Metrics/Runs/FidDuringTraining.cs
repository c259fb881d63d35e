using GanSharp.Features;
using GanSharp.Metrics;
using GanSharp.Recipes;
using GanSharp.Runtime;
using GanSharp.Training;
using GanSharp.Training.Callbacks;
using static TorchSharp.torch;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// `--eval-every N`: adds FID and KID of a fixed-noise sample set to the step's log (so they reach
/// metrics.jsonl, losses.png and TensorBoard), and keeps checkpoints/best.ckpt at the lowest FID.
/// Must run before the logging callbacks, on steps that are logged.
/// </summary>
public sealed class FidDuringTraining : ITrainingCallback
{
    private readonly IFeatureExtractor net;
    private readonly Gaussian realGaussian;
    private readonly Tensor realFeatures;
    private readonly int samples, side;
    private readonly long seed;
    private double best = double.PositiveInfinity;

    /// <param name="real">Real images (N, C, S, S) as the network reads them; samples are brought to their side.</param>
    public FidDuringTraining(IFeatureExtractor net, Tensor real, int samples, long seed)
    {
        this.net = net;
        this.samples = samples;
        this.seed = seed;
        side = (int)real.shape[^1];
        realFeatures = net.Extract(real).Features.DetachFromDisposeScope();
        realGaussian = Gaussian.Fit(realFeatures);
    }

    /// <summary>The lowest FID so far (restored from metrics.jsonl on resume).</summary>
    public double Best => best;

    public void OnStart(TrainingState state)
    {
        if (!File.Exists(state.Directory.Metrics)) return;
        var earlier = MetricsLog.ReadAll(state.Directory.Metrics)
            .Where(r => r["step"]?.GetValue<long>() <= state.Step && r["fid"] is not null)
            .Select(r => r["fid"]!.GetValue<double>());
        best = earlier.DefaultIfEmpty(double.PositiveInfinity).Min();
    }

    public void OnStep(TrainingState state, StepLog log)
    {
        using var scope = NewDisposeScope();
        using var g = Seeding.Generator(seed, "eval-noise");             // the same noise every time: comparable values
        var images = Evaluation.InBatches(samples, (_, size) => state.Recipe.Sample(state.Recipe.Noise(size, g)), side);
        var (features, _) = net.Extract(images);
        double fid = Fid.Compute(realGaussian, Gaussian.Fit(features)).Value;
        using var kidRng = new Generator((ulong)seed);
        var kid = Kid.Compute(realFeatures, features, kidRng, subsets: 10);
        log["fid"] = fid;
        log["kid"] = kid.Mean;
        if (fid < best)
        {
            best = fid;
            Checkpoint.Save(state.Directory.BestCheckpoint, state.Position, state.Recipe, keepPrevious: false);
            state.Log.Info($"step {state.Step}: FID {fid:F3}, the best so far; saved {Path.GetRelativePath(state.Directory.Root, state.Directory.BestCheckpoint)}");
        }
    }
}
