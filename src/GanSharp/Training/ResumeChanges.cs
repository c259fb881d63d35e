using System.Globalization;
using GanSharp.Recipes.Options;

namespace GanSharp.Training;

/// <summary>
/// What `gan resume` may change without undoing what a run has learnt: the learning rates (the
/// advice after a divergence) and the cadences of logs, pictures, checkpoints and evaluations.
/// Everything else (networks, losses, data, seed) is the run's and stays.
/// </summary>
public sealed record ResumeChanges
{
    public double? LrG { get; init; }
    public double? LrD { get; init; }
    public int? LogEvery { get; init; }
    public int? SampleEvery { get; init; }
    public int? CheckpointEvery { get; init; }
    public int? KeepEvery { get; init; }
    public int? EvalEvery { get; init; }
    public int? EvalSamples { get; init; }
    /// <summary>libtorch threads for this session: a machine setting, not a training one, so not among the changes listed.</summary>
    public int? Threads { get; init; }

    /// <summary>The run's options with these changes, validated as a new run's are (thread count and folders on this machine), and a line per value that changed ("--lr-d 0.0002 → 0.0001").</summary>
    public (FamilyOptions Options, TrainerOptions Trainer, IReadOnlyList<string> Changed) ApplyTo(FamilyOptions options, TrainerOptions trainer)
    {
        var changed = new List<string>();
        T Pick<T>(T? given, T old, string flag) where T : struct
        {
            if (given is not T value || EqualityComparer<T>.Default.Equals(value, old)) return old;
            changed.Add(string.Create(CultureInfo.InvariantCulture, $"{flag} {old} → {value}"));
            return value;
        }
        var o = options with { LrG = Pick(LrG, options.LrG, "--lr-g"), LrD = Pick(LrD, options.LrD, "--lr-d") };
        var t = trainer with
        {
            LogEvery = Pick(LogEvery, trainer.LogEvery, "--log-every"),
            SampleEvery = Pick(SampleEvery, trainer.SampleEvery, "--sample-every"),
            CheckpointEvery = Pick(CheckpointEvery, trainer.CheckpointEvery, "--checkpoint-every"),
            KeepEvery = Pick(KeepEvery, trainer.KeepEvery, "--keep-every"),
            EvalEvery = Pick(EvalEvery, trainer.EvalEvery, "--eval-every"),
            EvalSamples = Pick(EvalSamples, trainer.EvalSamples, "--eval-samples"),
            Threads = Threads ?? trainer.Threads,
        };
        o.Validate();
        return (o, t.Validated(here: true), changed);   // here: the run may come from a machine with more cores, or its folders may have moved
    }
}
