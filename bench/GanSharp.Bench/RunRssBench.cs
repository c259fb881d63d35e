using GanSharp.Recipes;
using GanSharp.Training;

namespace GanSharp.Bench;

/// <summary>
/// RSS of a whole default run — every callback of `gan train` (metrics, TensorBoard, grids, plots)
/// and its checkpoints — after warm-up and at the end, where a bare trainer would miss what the
/// run folder's writers hold on to.
/// </summary>
internal static class RunRssBench
{
    public const long WarmUp = 600;

    public static (long Warm, long End) Measure(string family, long steps)
    {
        var tmp = Directory.CreateTempSubdirectory("gansharp-bench-rss-");
        try
        {
            var trainer = new TrainerOptions { Steps = WarmUp + steps, Data = "embedded", ConvCheck = false };
            using var session = TrainingSession.Create(Families.Named(family).Defaults, trainer, new RunDirectory(Path.Combine(tmp.FullName, "run")), _ => { });
            var probe = new RssProbe();
            session.Train(new ITrainingCallback[] { probe });
            return (probe.Warm, probe.End);
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }

    private sealed class RssProbe : ITrainingCallback
    {
        public long Warm { get; private set; }
        public long End { get; private set; }

        public void OnStep(TrainingState state, StepLog log)
        {
            if (state.Step == WarmUp) Warm = Bench.Status("VmRSS:");
        }

        public void OnEnd(TrainingState state, TrainingOutcome outcome) => End = Bench.Status("VmRSS:");
    }
}
