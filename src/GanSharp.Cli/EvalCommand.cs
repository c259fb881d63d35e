using System.CommandLine;
using GanSharp.Data;
using GanSharp.Imaging;
using GanSharp.Metrics;
using GanSharp.Runtime;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Cli;

/// <summary>
/// `gan eval RUN [--count N]`: FID, KID, IS, Mode Score, precision/recall, density/coverage of a
/// run's generator against real images, into RUN/eval.json, plus a nearest-neighbour grid.
/// `gan eval --real-floor`: the test split against the training split — the best any generator can score.
/// </summary>
public static class EvalCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string?>("run") { Description = "run folder to evaluate", Arity = ArgumentArity.ZeroOrOne };
        var count = new Option<int>("--count") { Description = "generated (and real) images", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<long>("--seed") { Description = "seed of the noise and of the real subset", DefaultValueFactory = _ => 0 };
        var features = new Option<string?>("--features") { Description = "feature-network weights (default: GanSharp's embedded Fashion-MNIST CNN)" };
        var data = new Option<string?>("--data") { Description = "Fashion-MNIST folder (default: the usual search)" };
        var checkpoint = new Option<string>("--checkpoint") { Description = "last, previous, or a .ckpt path", DefaultValueFactory = _ => "last" };
        var realFloor = new Option<bool>("--real-floor") { Description = "evaluate the test split against the training split instead of a run" };
        var command = new Command("eval", "Evaluate a run's generator (or the real data, with --real-floor) with all metrics.") { run, count, seed, features, data, checkpoint, realFloor };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            int n = parse.GetValue(count);
            if (n < 10) throw new GanSharpException($"--count must be at least 10, got {n}");
            var location = FashionMnist.Locate(parse.GetValue(data));
            if (location.IsEmbedded && parse.GetValue(realFloor))
                throw new GanSharpException("--real-floor needs both splits: install dataset-fashion-mnist or pass --data DIR");
            var (net, netName) = FeatureNetworks.Load(parse.GetValue(features));
            ImageDataset reference, other;
            string referenceName;
            if (location.IsEmbedded)
            {
                reference = FashionMnist.Load(location);
                other = reference;
                referenceName = "test split (the training split is not installed)";
            }
            else
            {
                (reference, other) = FashionMnist.LoadBoth(location);
                referenceName = "training split";
            }
            using var g = new Generator((ulong)parse.GetValue(seed));
            var real = Subset(reference.Images, n, g);
            Tensor generated;
            string generatedName;
            string? runFolder = parse.GetValue(run);
            if (parse.GetValue(realFloor))
            {
                generated = Subset(other.Images, n, g);
                generatedName = $"Fashion-MNIST test split ({generated.shape[0]:N0} images)";
            }
            else
            {
                if (runFolder is null) throw new GanSharpException("name a run folder to evaluate, or pass --real-floor");
                using var sampler = new RunSampler(runFolder, parse.GetValue(checkpoint)!);
                generated = Generate(sampler, n, parse.GetValue(seed));
                generatedName = $"{runFolder} at step {sampler.Step} ({n:N0} samples)";
            }
            console.Line($"feature network: {netName}");
            console.Line($"real: {real.shape[0]:N0} images of the Fashion-MNIST {referenceName}; generated: {generatedName}");
            var report = Evaluation.Evaluate(net, netName, real, $"Fashion-MNIST {referenceName}", generated, generatedName, reference.Labels, parse.GetValue(seed));
            Print(console, report);
            if (runFolder is not null && !parse.GetValue(realFloor))
            {
                report.Save(Path.Combine(runFolder, "eval.json"));
                using var grid = Evaluation.NearestNeighbourGrid(net, real, generated);
                ImageGrid.Save(grid, Path.Combine(runFolder, "nearest-neighbours.png"), columns: 8);
                console.Line($"wrote {Path.Combine(runFolder, "eval.json")} and nearest-neighbours.png (each row: a sample, then its 7 nearest real images)");
            }
            return GanCli.Ok;
        });
        return command;
    }

    private static Tensor Subset(Tensor images, int n, Generator g) =>
        images.shape[0] <= n ? images : images.index_select(0, randperm(images.shape[0], generator: g).narrow(0, 0, n));

    private static Tensor Generate(RunSampler sampler, int n, long seed)
    {
        var parts = new List<Tensor>();
        for (int done = 0, batch = 0; done < n; done += 500, batch++)
        {
            using var scope = NewDisposeScope();
            var images = Evaluation.To28(sampler.Sample(Math.Min(500, n - done), seed * 1_000_003 + batch));
            if (images.shape[1] != 1) throw new GanSharpException($"the feature network reads grey images; this generator makes {images.shape[1]} channels");
            parts.Add(images.MoveToOuterDisposeScope());
        }
        return cat(parts, 0);
    }

    private static void Print(CliConsole console, EvaluationReport r)
    {
        console.Line($"  FID                  {r.Fid,10:F3}");
        if (r.FidWarning is not null) console.Line($"  warning: {r.FidWarning}");
        console.Line($"  KID                  {r.KidMean,10:F5} ± {r.KidStd:F5}");
        console.Line($"  Inception Score      {r.InceptionScoreMean,10:F3} ± {r.InceptionScoreStd:F3}");
        console.Line($"  Mode Score           {r.ModeScore,10:F3}");
        console.Line($"  precision / recall   {r.Precision,10:F3} / {r.Recall:F3}   (k = 3)");
        console.Line($"  density / coverage   {r.Density,10:F3} / {r.Coverage:F3}   (k = 5)");
        console.Line($"  time                 {r.Seconds,10:F1} s");
    }
}
