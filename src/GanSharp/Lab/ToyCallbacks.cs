using GanSharp.Training;

namespace GanSharp.Lab;

/// <summary>The toy lab's callbacks for a run on a toy distribution; image runs get none.</summary>
public static class ToyCallbacks
{
    /// <summary>
    /// Scatter plots over D's output every --sample-every steps, with mode coverage and the animation
    /// at the end; for 1-D mixtures also the Jensen–Shannon curve. Pass them as the session's first
    /// callbacks, so the JS numbers reach metrics.jsonl.
    /// </summary>
    public static IReadOnlyList<ITrainingCallback> For(TrainingSession session)
    {
        if (session.Toy is not { } toy) return Array.Empty<ITrainingCallback>();
        var (every, seed) = (session.Config.Trainer.SampleEvery, session.Config.Trainer.Seed);
        var callbacks = new List<ITrainingCallback>();
        if (toy is { Dimension: 1, Centres: not null }) callbacks.Add(new Every(every, new JsCurve(session.Directory, toy, seed)));
        callbacks.Add(new Every(every, new ToyScatter(session.Directory, toy, seed)));
        return callbacks;
    }
}
