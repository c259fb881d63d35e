using System.Globalization;
using System.Text.Json;
using GanSharp.Data;
using GanSharp.Losses;
using GanSharp.Recipes;
using GanSharp.Runtime;
using GanSharp.Training;
using ScottPlot;
using static TorchSharp.torch;

namespace GanSharp.Lab;

/// <summary>
/// For 1-D toy runs, the Jensen–Shannon divergence between p_data and p_g over training, two ways
/// (lecture 003): by numerical integration of p_data (exact) against a kernel density estimate of
/// 2,000 generated points, and from the discriminator itself, log 2 − ½ L_D with L_D its BCE loss on
/// fresh samples (exact when D = D*; a lower bound otherwise). Points go to js.jsonl (kept across
/// resumes) and the curves to js.png.
/// </summary>
public sealed class JsCurve(RunDirectory dir, ToyDistribution toy, long seed) : ITrainingCallback
{
    private readonly List<(long Step, double Numerical, double? FromD)> points = new();
    private string JsonPath => Path.Combine(dir.Root, "js.jsonl");
    private string PlotPath => Path.Combine(dir.Root, "js.png");

    public void OnStart(TrainingState state)
    {
        if (!File.Exists(JsonPath)) return;
        foreach (var line in File.ReadLines(JsonPath))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            long step = r.GetProperty("step").GetInt64();
            if (step > state.Step) continue;                         // written after the checkpoint we resume from
            var d = r.GetProperty("jsFromD");
            points.Add((step, r.GetProperty("jsNumerical").GetDouble(), d.ValueKind == JsonValueKind.Null ? null : d.GetDouble()));
        }
        Rewrite();
    }

    public void OnStep(TrainingState state, StepLog log)
    {
        if (points.Count > 0 && points[^1].Step == state.Step) return;
        var (numerical, fromD) = Measure(state.Recipe, toy, seed + state.Step);
        points.Add((state.Step, numerical, fromD));
        log["js/numerical"] = numerical;
        if (fromD is double v) log["js/from_d"] = v;
        Rewrite();
    }

    /// <summary>JS(p_data ‖ p_g) by integration with p_g a KDE of 2,000 samples, and D's estimate (a binary classifier D; else null).</summary>
    public static (double Numerical, double? FromD) Measure(IRecipe recipe, ToyDistribution toy, long seed)
    {
        using var scope = NewDisposeScope();
        using var g = Seeding.Generator(seed, "js-estimate");
        var sampled = recipe.Sample(recipe.Noise(2000, g));
        var device = sampled.device;                                     // D's device; the KDE works on the CPU
        var fake = sampled.cpu();
        double[] b = fake.view(-1).to_type(ScalarType.Float64).data<double>().ToArray();
        double[] centres = toy.Centres!.view(-1).to_type(ScalarType.Float64).data<double>().ToArray();
        double h = Density1D.MixtureBandwidth(b, toy.Sigma);
        double lo = Math.Min(centres.Min() - 8 * toy.Sigma, b.Min() - 4 * h), hi = Math.Max(centres.Max() + 8 * toy.Sigma, b.Max() + 4 * h);
        double numerical = OptimalDiscriminator.JsNumerical(v => Density1D.Mixture(centres, toy.Sigma, v), v => Density1D.Kde(b, h, v), lo, hi, 2001);
        double? fromD = null;
        if (recipe.Critic is { IsBinaryClassifier: true } critic)
        {
            double bce = Objective.Minimax.D(critic.LogitsAt(toy.Sample(2000, g).to(device)).view(-1), critic.LogitsAt(fake.to(device)).view(-1)).item<float>();
            fromD = Math.Log(2) - bce / 2;
        }
        return (numerical, fromD);
    }

    private void Rewrite()
    {
        AtomicFile.WriteAllText(JsonPath, string.Concat(points.Select(p =>
            JsonSerializer.Serialize(new { step = p.Step, jsNumerical = p.Numerical, jsFromD = p.FromD }) + "\n")));
        if (points.Count == 0) return;
        var plot = GanSharp.Imaging.PlotFonts.NewPlot();
        double[] steps = points.Select(p => (double)p.Step).ToArray();
        plot.Add.ScatterLine(steps, points.Select(p => p.Numerical).ToArray()).LegendText = "JS(p_data ‖ p_g), integrated (p_g by KDE)";
        var withD = points.Where(p => p.FromD is not null).ToList();
        if (withD.Count > 0)
            plot.Add.ScatterLine(withD.Select(p => (double)p.Step).ToArray(), withD.Select(p => p.FromD!.Value).ToArray()).LegendText = "log 2 − ½ L_D (D's estimate)";
        plot.Add.HorizontalLine(Math.Log(2)).LegendText = "log 2 (disjoint supports)";
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"{toy.Name}: Jensen–Shannon divergence over training"));
        plot.XLabel("step");
        plot.YLabel("JS (nats)");
        plot.ShowLegend(Alignment.UpperRight);
        byte[] png = plot.GetImageBytes(700, 450, ImageFormat.Png);
        AtomicFile.Write(PlotPath, s => s.Write(png));
    }
}
