using ScottPlot;
using GanSharp.Imaging;

namespace GanSharp.Lab;

/// <summary>The x·y game drawn: trajectories in the (x, y) plane, and log₁₀ of the distance to (0, 0) over steps.</summary>
public static class BilinearGamePlot
{
    public static void Save(string path, double lr, int steps, double x0 = 1, double y0 = 0.5)
    {
        var trajectories = Enum.GetValues<BilinearGame.Method>()
            .Select(m => (Method: m, Points: BilinearGame.Trajectory(m, x0, y0, m == BilinearGame.Method.SimultaneousAdam ? lr / 10 : lr, steps)))
            .ToList();
        var plane = GanSharp.Imaging.PlotFonts.NewPlot();
        var distance = GanSharp.Imaging.PlotFonts.NewPlot();
        foreach (var (method, points) in trajectories)
        {
            string label = method == BilinearGame.Method.SimultaneousAdam ? $"{method} (η/10)" : method.ToString();
            plane.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray()).LegendText = label;
            var d = BilinearGame.DistanceToEquilibrium(points);
            distance.Add.ScatterLine(Enumerable.Range(0, d.Length).Select(i => (double)i).ToArray(), d.Select(v => Math.Log10(Math.Max(v, 1e-12))).ToArray()).LegendText = label;
        }
        plane.Add.Marker(0, 0);
        plane.Title($"min_x max_y x·y from ({x0}, {y0}), η = {lr}, {steps} steps");
        plane.XLabel("x");
        plane.YLabel("y");
        plane.Axes.SquareUnits();
        plane.ShowLegend(Alignment.UpperRight);
        distance.Title("distance to the equilibrium (0, 0)");
        distance.XLabel("step");
        distance.YLabel("log₁₀ ‖(x, y)‖");
        distance.ShowLegend(Alignment.UpperLeft);
        PlotPanels.SaveSideBySide(path, new[] { plane, distance });
    }
}
