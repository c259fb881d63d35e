using GanSharp.Data;
using GanSharp.Imaging;
using GanSharp.Recipes;
using GanSharp.Runtime;
using GanSharp.Training;
using ScottPlot;
using static TorchSharp.torch;

namespace GanSharp.Lab;

/// <summary>
/// For toy runs, samples/step-NNNNNN.png: real points against the recipe's probe (generated points of fixed noise) over
/// the discriminator's output as a heat map (2-D), or the two histograms with D's curve (1-D).
/// At the end, the mode coverage of 2,500 samples goes to coverage.json and the log, and the
/// plots of the run become one animation, training.gif.
/// </summary>
public sealed class ToyScatter(RunDirectory dir, ToyDistribution toy, long seed, int points = 1000) : ITrainingCallback
{
    private IProbe? probe;
    private Tensor? real;

    public void OnStart(TrainingState state)
    {
        probe = state.Recipe.Probe(seed);
        using var r = Seeding.Generator(seed, "toy-plot-real");
        real = toy.Sample(points, r).DetachFromDisposeScope();
    }

    public void OnStep(TrainingState state, StepLog log) => Draw(state);

    public void OnEnd(TrainingState state, TrainingOutcome outcome)
    {
        if (outcome != TrainingOutcome.Diverged)
        {
            if (!File.Exists(dir.SampleGrid(state.Step))) Draw(state);
            if (toy.Centres is not null) Coverage(state);
            var frames = Directory.GetFiles(dir.Samples, "step-*.png");
            AnimatedGif.SaveFiles(frames, dir.Animation);
            state.Log.Info($"animation of {frames.Length} scatter plots: {dir.Animation}");
        }
        probe?.Dispose();
        real?.Dispose();
    }

    /// <summary>Mode coverage on 2,500 samples, as in the PacGAN and VEEGAN tables.</summary>
    private void Coverage(TrainingState state)
    {
        using var scope = NewDisposeScope();
        using var g = Seeding.Generator(seed, "coverage");
        var r = ModeCoverage.Measure(state.Recipe.Sample(state.Recipe.Noise(2500, g)).cpu(), toy);
        r.Save(Path.Combine(dir.Root, "coverage.json"), toy.Name, state.Step);
        state.Log.Info($"mode coverage at step {state.Step}: {r.ModesCaptured}/{r.Modes} modes, {r.HighQualityFraction:P1} high quality, reverse KL {r.ReverseKl:F3} (2,500 samples)");
    }

    private void Draw(TrainingState state)
    {
        using var scope = NewDisposeScope();
        var drawn = probe!.Draw();
        if (drawn is not PointPanel panel) throw new GanSharpException($"the toy plots draw points; this recipe's probe draws a {drawn.GetType().Name}");
        var fake = panel.Generated.cpu().to_type(ScalarType.Float64);
        var x = real!.to_type(ScalarType.Float64);
        var plot = GanSharp.Imaging.PlotFonts.NewPlot();
        if (toy.Dimension == 2) DrawPlane(plot, state, x, fake);
        else DrawLine(plot, state, x, fake);
        plot.Title($"{toy.Name}, step {state.Step}");
        plot.ShowLegend(Alignment.UpperRight);
        byte[] png = plot.GetImageBytes(640, 640, ImageFormat.Png);
        AtomicFile.Write(dir.SampleGrid(state.Step), s => s.Write(png));
    }

    private void DrawPlane(Plot plot, TrainingState state, Tensor x, Tensor fake)
    {
        var all = cat(new[] { x, fake }, 0);
        double lo = Math.Min(all.min().item<double>(), -1.5) - 0.5, hi = Math.Max(all.max().item<double>(), 1.5) + 0.5;
        if (state.Recipe.Critic is { } critic)
        {
            const int n = 60;
            var axis = linspace(lo, hi, n, dtype: ScalarType.Float32);
            var grid = stack(new[] { axis.repeat_interleave(n), axis.repeat(n) }, 1);           // (n², 2): x varies slowest
            var d = critic.LogitsAt(grid).sigmoid().view(n, n).to_type(ScalarType.Float64);
            var values = new double[n, n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) values[n - 1 - j, i] = d[i, j].item<double>();   // rows top to bottom = y high to low
            var heat = plot.Add.Heatmap(values);
            heat.Extent = new CoordinateRect(lo, hi, lo, hi);
            plot.Add.ColorBar(heat).Label = "σ(D(x))";
        }
        var r = plot.Add.ScatterPoints(Column(x, 0), Column(x, 1));
        r.LegendText = "real";
        r.MarkerSize = 3;
        var f = plot.Add.ScatterPoints(Column(fake, 0), Column(fake, 1));
        f.LegendText = "generated";
        f.MarkerSize = 3;
        plot.Axes.SetLimits(lo, hi, lo, hi);
    }

    /// <summary>
    /// 1-D, lecture 003's picture: p_data (its own density), p_g (a kernel density estimate of the
    /// generated points), σ(D(x)) and the optimal D* = p_data / (p_data + p_g) on one plot.
    /// </summary>
    private void DrawLine(Plot plot, TrainingState state, Tensor x, Tensor fake)
    {
        double[] a = Column(x, 0), b = Column(fake, 0);
        double lo = Math.Min(a.Min(), b.Min()) - 0.5, hi = Math.Max(a.Max(), b.Max()) + 0.5;
        var xs = Enumerable.Range(0, 200).Select(i => lo + i * (hi - lo) / 199).ToArray();
        double h = toy.Centres is null ? Density1D.SilvermanBandwidth(b) : Density1D.MixtureBandwidth(b, toy.Sigma);
        double[] pg = xs.Select(v => Density1D.Kde(b, h, v)).ToArray();
        double[]? centres = toy.Centres is null ? null : Column(toy.Centres.to_type(ScalarType.Float64), 0);
        double[] pData = centres is null ? xs.Select(v => Density1D.Kde(a, Density1D.SilvermanBandwidth(a), v)).ToArray()
            : xs.Select(v => Density1D.Mixture(centres, toy.Sigma, v)).ToArray();
        plot.Add.ScatterLine(xs, pData).LegendText = "p_data";
        plot.Add.ScatterLine(xs, pg).LegendText = $"p_g (KDE, h = {h:F3})";
        if (state.Recipe.Critic is { } critic)
        {
            var d = critic.LogitsAt(tensor(xs, dtype: ScalarType.Float32).view(-1, 1)).sigmoid();
            plot.Add.ScatterLine(xs, d.to_type(ScalarType.Float64).data<double>().ToArray()).LegendText = "D(x)";
        }
        var optimal = plot.Add.ScatterLine(xs, pData.Zip(pg, Density1D.OptimalD).ToArray());
        optimal.LegendText = "D* = p_data / (p_data + p_g)";
        optimal.LinePattern = LinePattern.Dashed;
        plot.XLabel("x");
    }

    private static double[] Column(Tensor t, int c) => t.select(1, c).contiguous().data<double>().ToArray();
}
