using GanSharp.Imaging;
using GanSharp.Recipes;

namespace GanSharp.Training.Callbacks;

/// <summary>
/// Redraws losses.png from the metrics history: losses on top, D(x) and D(G(z)) below — as
/// probabilities for BCE objectives, as mean raw scores (critic values) for the others.
/// </summary>
public sealed class LossCurves(MetricsLog metrics, string path, string title, bool probabilities = true) : ITrainingCallback
{
    public void OnStep(TrainingState state, StepLog log) => Draw();

    public void OnEnd(TrainingState state, TrainingOutcome outcome) => Draw();

    private void Draw()
    {
        if (metrics.History.Count == 0) return;
        LossPlot.Save(path,
            new[] { Series("loss/d", "D loss"), Series("loss/g", "G loss") },
            new[] { Series("d/real", "D(x), real"), Series("d/fake", "D(G(z)), fake") },
            title, probabilities, Series("fid", "FID"));
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
