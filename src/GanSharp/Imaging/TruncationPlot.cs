using ScottPlot;

namespace GanSharp.Imaging;

/// <summary>
/// The fidelity–diversity trade-off of the truncation trick (Brock et al. 2019, figure 4;
/// Kynkäänniemi et al. 2019): FID against ψ beside precision and recall against ψ.
/// </summary>
public static class TruncationPlot
{
    public static void Save(string path, string title, double[] psi, double[] fid, double[] precision, double[] recall)
    {
        var left = PlotFonts.NewPlot();
        left.Add.ScatterLine(psi, fid).LegendText = "FID";
        left.Title($"{title}: FID");
        left.XLabel("truncation ψ");
        left.YLabel("FID (lower is better)");
        var right = PlotFonts.NewPlot();
        right.Add.ScatterLine(psi, precision).LegendText = "precision (fidelity)";
        right.Add.ScatterLine(psi, recall).LegendText = "recall (diversity)";
        right.Title($"{title}: precision and recall");
        right.XLabel("truncation ψ");
        right.Axes.SetLimitsY(0, 1);
        right.ShowLegend(Alignment.LowerRight);
        PlotPanels.SaveSideBySide(path, new[] { left, right });
    }
}
