using System.Diagnostics;
using GanSharp.Metrics.Runs;
using GanSharp.Recipes;
using GanSharp.Training;

namespace GanSharp.Bench;

/// <summary>
/// What `gan eval` costs: a short DCGAN run in a temporary folder, then every metric of N samples
/// against N real images; wall time and the peak RSS of the evaluation alone (the kernel's
/// high-water mark, reset through /proc/self/clear_refs just before it).
/// </summary>
internal static class EvalBench
{
    public static void Run(int count)
    {
        var tmp = Directory.CreateTempSubdirectory("gansharp-bench-eval-");
        try
        {
            var run = Path.Combine(tmp.FullName, "run");
            var trainer = new TrainerOptions { Steps = 20, Data = "embedded", ConvCheck = false, LogEvery = 10, SampleEvery = 1000, CheckpointEvery = 1000 };
            using (var session = TrainingSession.Create(Families.DefaultsOf<GanOptions>("dcgan"), trainer, new RunDirectory(run), _ => { }))
                session.Train(Array.Empty<ITrainingCallback>());
            GC.Collect();
            File.WriteAllText("/proc/self/clear_refs", "5");
            long before = Bench.Status("VmRSS:");
            var clock = Stopwatch.StartNew();
            var report = RunEvaluation.EvaluateRun(run, count, seed: 0, features: null, data: "embedded");
            Console.WriteLine($"gan eval of {count:N0} samples: {clock.Elapsed.TotalSeconds:N1} s, peak RSS {Bench.Status("VmHWM:") / 1e6:N0} MB ({before / 1e6:N0} MB before it; FID {report.Fid:F1} after 20 steps)");
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }
}
