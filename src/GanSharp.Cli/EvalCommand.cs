using GanSharp.Features;
using GanSharp.Metrics.Runs;
using System.CommandLine;
using GanSharp.Metrics;
using GanSharp.Runtime;

namespace GanSharp.Cli;

/// <summary>
/// `gan eval RUN [--count N]`: FID, KID, IS, Mode Score, precision/recall, density/coverage of a
/// run's generator against real images, into RUN/eval.json, plus a nearest-neighbour grid.
/// `gan eval --real-floor`: the test split against the training split — the best any generator can score.
/// A toy run (gan toy) gets its mode coverage instead (2,500 samples unless --count says otherwise).
/// </summary>
public static class EvalCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string?>("run") { Description = "run folder, folder of PNG images, or IDX image file to evaluate", Arity = ArgumentArity.ZeroOrOne };
        var count = new Option<int?>("--count") { Description = "generated (and real) images (default 10,000; toy runs: 2,500 points, as in the PacGAN tables; voxel runs: 1,000 shapes)" };
        var seed = new Option<long>("--seed") { Description = "seed of the noise and of the real subset", DefaultValueFactory = _ => 0 };
        var features = new Option<string?>("--features") { Description = "feature-network weights (default: the embedded Fashion-MNIST CNN; image-folder runs: the one gan features train --data FOLDER made)" };
        var data = new Option<string?>("--data") { Description = "Fashion-MNIST folder (default: the usual search)" };
        var checkpoint = new Option<string>("--checkpoint") { Description = "last, previous, or a .ckpt path", DefaultValueFactory = _ => "last" };
        var realFloor = new Option<bool>("--real-floor") { Description = "evaluate the test split against the training split instead of a run" };
        var truncation = new Option<string?>("--truncation") { Description = "truncation trick ψ for every sample (BigGAN: z in [−ψ, ψ]; stylegan: w̄ + ψ (w − w̄)); several joined by commas (0,0.25,0.5,1,2) evaluate each and write truncation.json and truncation.png, the fidelity–diversity curves" };
        var pathLength = new Option<string?>("--path-length") { Description = "instead: the perceptual path length (StyleGAN, section 4.2) along paths in w (stylegan: straight lines in W) or z (slerp, any noise family), over --count pairs (default 10,000); writes path-length-SPACE.json" };
        pathLength.AcceptOnlyFromAmong(RunPathLength.Spaces.ToArray());
        var levels = new Option<bool>("--levels") { Description = "pyramid runs (lapgan): evaluate every level, its samples and the real images through the same low-pass at the run's resolution; writes eval-level-SIDE.json per level and levels.json" };
        count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 10 and var n) result.AddError($"--count must be at least 10 (metrics compare sets of images), got {n}");
        });
        var command = new Command("eval", "Evaluate a run's generator (or the real data, with --real-floor) with all metrics.") { run, count, seed, features, data, checkpoint, realFloor, truncation, pathLength, levels };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize();
            string? target = parse.GetValue(run);
            bool isRun = target is not null && File.Exists(Path.Combine(target, "config.json"));
            // The run's config, read once, when a run (not the real floor) is evaluated: it decides which evaluation applies.
            var config = isRun && !parse.GetValue(realFloor) ? GanSharp.Training.RunConfig.Load(Path.Combine(target!, "config.json")) : null;
            if (config is not null && GanSharp.Lab.RunCoverage.IsToyRun(config))
            {
                var c = GanSharp.Lab.RunCoverage.Measure(target!, parse.GetValue(count) ?? 2500, parse.GetValue(seed), parse.GetValue(checkpoint)!);
                console.Line($"mode coverage of {c.Samples:N0} samples: {c.ModesCaptured}/{c.Modes} modes, {c.HighQualityFraction:P1} high quality, reverse KL {c.ReverseKl:F3}");
                console.Line($"wrote {Path.Combine(target!, "eval-coverage.json")}");
                return ExitCode.Ok;
            }
            if (config is { Options.TrainsOnPairs: true })
            {
                using var sampler = new GanSharp.Training.RunSampler(target!, parse.GetValue(checkpoint)!);
                var t = TranslationEvaluation.Evaluate(sampler, target!, parse.GetValue(count) ?? 2000, parse.GetValue(seed), parse.GetValue(features), parse.GetValue(data));
                console.Line($"{t.Pairs:N0} {(t.HeldOut ? "held-out " : "")}pairs of {t.Data}, at step {t.Step}{(t.HeldOut ? "" : " (seen in training: pass --hold-out when training to measure unseen ones)")}:");
                string Against(double baseline, string format) => double.IsNaN(baseline) ? "" : $"   ({t.Baseline}: {baseline.ToString(format)})";
                if (t.Paired)
                {
                    console.Line($"  L1 to the targets    {t.L1,10:F4}   (pixels in [0, 1])");
                    console.Line($"  PSNR                 {t.Psnr,10:F2} dB{Against(t.PsnrOfInputs, "F2")}");
                    console.Line($"  SSIM                 {t.Ssim,10:F4}{Against(t.SsimOfInputs, "F4")}   (7×7 window, K 0.01/0.03 as scikit-image)");
                    console.Line($"  perceptual distance  {t.Perceptual,10:F4}{Against(t.PerceptualOfInputs, "F4")}   (unit-normalised deepest maps of the feature network, LPIPS without weights)");
                }
                if (!double.IsNaN(t.CycleL1)) console.Line($"  round trip L1        {t.CycleL1,10:F4}   (‖G_BA(G_AB(a)) − a‖₁ per pixel in [0, 1])");
                if (!double.IsNaN(t.FidOfInputs)) console.Line($"  FID of {t.Baseline} against the targets: {t.FidOfInputs:F3} (the baseline)");
                console.Line($"outputs against the targets, in the {t.SetMetrics.FeatureNetwork}:");
                Print(console, t.SetMetrics);
                console.Line($"wrote {Path.Combine(target!, "eval.json")} and translations.png (baseline | output | target)");
                return ExitCode.Ok;
            }
            if (parse.GetValue(pathLength) is string space)
            {
                if (!isRun || parse.GetValue(realFloor)) throw new GanSharpException("--path-length measures a run's generator: name a run folder (and leave out --real-floor)");
                var p = RunPathLength.Measure(target!, space, parse.GetValue(count) ?? 10_000, parse.GetValue(seed), parse.GetValue(features), parse.GetValue(checkpoint)!);
                console.Line($"perceptual path length in {p.Space} ({p.Path}, ε {p.Epsilon:0e0}) of step {p.Step}: {p.Length:F2} (mean of {p.Kept:N0} of {p.Pairs:N0} pairs between the 1st and 99th percentiles; median {p.Median:F2})");
                console.Line($"in the perceptual distance of the {p.FeatureNetwork}; wrote {Path.Combine(target!, $"path-length-{space}.json")}");
                return ExitCode.Ok;
            }
            if (parse.GetValue(levels))
            {
                if (!isRun || parse.GetValue(realFloor)) throw new GanSharpException("--levels evaluates a run's generator: name a run folder (and leave out --real-floor)");
                if (parse.GetValue(truncation) is not null) throw new GanSharpException("--levels and --truncation measure different things: give one of them");
                var l = PyramidLevels.Measure(target!, parse.GetValue(count) ?? 10_000, parse.GetValue(seed), parse.GetValue(features), parse.GetValue(data), parse.GetValue(checkpoint)!, console.Line);
                console.Line($"{l.Count:N0} samples per level of step {l.Step} against the {l.Reference}, in the {l.FeatureNetwork}");
                console.Line($"wrote {Path.Combine(target!, "levels.json")} and eval-level-*.json");
                return ExitCode.Ok;
            }
            if (config is { Trainer.IsShapes: true })
            {
                using var sampler = new GanSharp.Training.RunSampler(target!, parse.GetValue(checkpoint)!);
                var (r, shapes) = VoxelRunEvaluation.Evaluate(sampler, target!, parse.GetValue(count) ?? 1000, parse.GetValue(seed), parse.GetValue(features));
                console.Line($"feature network: {r.FeatureNetwork}");
                console.Line($"real: {r.RealCount:N0} shapes of the {r.Reference}; generated: {r.Generated}");
                Print(console, r);
                console.Line($"  nearest training shape, IoU of {shapes.IouShapes} shapes against all {shapes.IouReferences:N0}: samples mean {shapes.SampleIouMean:F3}, median {shapes.SampleIouMedian:F3}, {shapes.SampleShareAbove90:P0} at ≥ 0.9;" +
                             $" real shapes against the rest: mean {shapes.RealIouMean:F3}, median {shapes.RealIouMedian:F3}, {shapes.RealShareAbove90:P0} at ≥ 0.9");
                console.Line($"  classes of the samples (by the classifier): {string.Join(", ", shapes.Classes.Select(c => $"{c.Class} {c.Share:P0} (data {c.DataShare:P0})"))}");
                console.Line($"wrote {Path.Combine(target!, "eval.json")}, eval-shapes.json and nearest-neighbours.png (each row: a sample, then its 7 nearest real shapes)");
                return ExitCode.Ok;
            }
            var psis = parse.GetValue(truncation) is string list ? GanSharp.Metrics.Runs.TruncationSweep.Parse(list) : null;
            if (psis is not null && (!isRun || parse.GetValue(realFloor))) throw new GanSharpException("--truncation evaluates a run's generator: name a run folder (and leave out --real-floor)");
            if (psis is { Count: > 1 })
            {
                var sweep = GanSharp.Metrics.Runs.TruncationSweep.Measure(target!, psis, parse.GetValue(count) ?? 10_000, parse.GetValue(seed), parse.GetValue(features), parse.GetValue(data), parse.GetValue(checkpoint)!, console.Line);
                console.Line($"{sweep.Count:N0} samples per ψ against the {sweep.Reference}, in the {sweep.FeatureNetwork}");
                console.Line($"wrote {Path.Combine(target!, "truncation.json")}, truncation.png and eval-psi-*.json");
                return ExitCode.Ok;
            }
            var report = parse.GetValue(realFloor)
                ? RunEvaluation.EvaluateRealFloor(parse.GetValue(count) ?? 10_000, parse.GetValue(seed), parse.GetValue(features), parse.GetValue(data))
                : target is null ? throw new GanSharpException("name a run folder, a PNG folder or an IDX file to evaluate, or pass --real-floor")
                : isRun ? RunEvaluation.EvaluateRun(target, parse.GetValue(count) ?? 10_000, parse.GetValue(seed), parse.GetValue(features), parse.GetValue(data), parse.GetValue(checkpoint)!, psis?[0])
                : Directory.Exists(target) || File.Exists(target) ? RunEvaluation.EvaluateImages(target, parse.GetValue(count) ?? 10_000, parse.GetValue(seed), parse.GetValue(features), parse.GetValue(data))
                : throw new GanSharpException($"{target}: no such run folder, PNG folder or IDX file");
            console.Line($"feature network: {report.FeatureNetwork}");
            console.Line($"real: {report.RealCount:N0} images of the {report.Reference}; generated: {report.Generated}");
            Print(console, report);
            if (psis is null && config is { Options: GanSharp.Recipes.Text.StackGanOptions })
            {
                using var sampler = new GanSharp.Training.RunSampler(target!, parse.GetValue(checkpoint)!);
                var m = TextMatching.Measure(sampler, target!, parse.GetValue(count) ?? 10_000, parse.GetValue(seed));
                console.Line($"  text matching        {m.Generated,10:P1}   (real images with their descriptions: {m.Real:P1}; chance 50%; own description above another one in the run's text matcher)");
            }
            if (isRun && !parse.GetValue(realFloor))
                console.Line(psis is null ? $"wrote {Path.Combine(target!, "eval.json")} and nearest-neighbours.png (each row: a sample, then its 7 nearest real images)"
                    : $"wrote {Path.Combine(target!, $"eval{GanSharp.Training.RunSampler.TruncationSuffix(psis[0])}.json")} and nearest-neighbours{GanSharp.Training.RunSampler.TruncationSuffix(psis[0])}.png (truncation ψ = {psis[0]})");
            return ExitCode.Ok;
        });
        return command;
    }

    private static void Print(CliConsole console, EvaluationReport r)
    {
        console.Line($"  FID                  {r.Fid,10:F3}");
        if (r.FidWarning is not null) console.Line($"  warning: {r.FidWarning}");
        // with at most 1,000 images on a side every subset is the whole set: no spread to report
        console.Line($"  KID                  {r.KidMean,10:F5}{(Math.Min(r.RealCount, r.GeneratedCount) > 1000 ? $" ± {r.KidStd:F5}" : "   (all images in each subset: no spread)")}");
        if (r.InceptionScoreMean is { } isMean)
        {
            console.Line($"  Inception Score      {isMean,10:F3} ± {r.InceptionScoreStd:F3}");
            console.Line($"  Mode Score           {r.ModeScore,10:F3}");
        }
        else console.Line("  Inception/Mode Score    n/a (the feature network's classes are not known to be the data's: a rotation network, or unlabelled targets)");
        console.Line($"  precision / recall   {r.Precision,10:F3} / {r.Recall:F3}   (k = 3)");
        console.Line($"  density / coverage   {r.Density,10:F3} / {r.Coverage:F3}   (k = 5)");
        if (r.Floor is { } f)
        {
            console.Line($"  like for like, {f.Count:N0} images each against half of the real ones:");
            console.Line($"    FID   real half {f.Fid,9:F3}   generated {f.GeneratedFid,9:F3}");
            console.Line($"    KID   real half {f.KidMean,9:F5}   generated {f.GeneratedKidMean,9:F5}   (the real half is the floor: the best a generator can score here)");
        }
        console.Line($"  time                 {r.Seconds,10:F1} s");
    }
}
