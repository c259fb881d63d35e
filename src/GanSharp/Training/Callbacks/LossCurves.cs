using GanSharp.Imaging;
using GanSharp.Recipes;

namespace GanSharp.Training.Callbacks;

/// <summary>
/// Redraws losses.png from the metrics history: losses on top, D(x) and D(G(·)) below — as
/// probabilities for BCE objectives, as mean raw scores (critic values) for the others — then the
/// recipe's distances (L1, cycle, content) and FID when they are logged.
/// </summary>
public sealed class LossCurves(MetricsLog metrics, string path, ProgressDescription progress) : ITrainingCallback
{
    public void OnStep(TrainingState state, StepLog log) => Draw();

    public void OnEnd(TrainingState state, TrainingOutcome outcome) => Draw();

    private void Draw()
    {
        if (metrics.History.Count == 0) return;
        LossPlot.Save(path,
            new[] { Series("loss/d", "D loss"), Series("loss/g", "G loss") },
            new[] { Series("d/real", "D(x), real"), Series("d/fake", progress.FakeLabel) },
            progress.Title, progress.OutputsAreProbabilities, Series("fid", "FID"),
            progress.Distances?.Select(d => Series(d.Key, d.Label)).ToList());
    }

    private LossPlot.Series Series(string key, string label)
    {
        var points = metrics.History.Where(r => r[key] is not null).ToList();
        return new LossPlot.Series(label,
            points.Select(r => Number(r["step"]!)).ToArray(),
            points.Select(r => Number(r[key]!)).ToArray());
    }

    // Values written in this process are longs or doubles, values read back are JSON elements.
    private static double Number(System.Text.Json.Nodes.JsonNode node) =>
        double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
