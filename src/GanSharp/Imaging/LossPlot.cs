using ScottPlot;
using SkiaSharp;

namespace GanSharp.Imaging;

/// <summary>
/// losses.png: the D and G losses over steps (top) and the mean discriminator outputs D(x) and
/// D(G(z)) (bottom; at the game's equilibrium both tend to ½, 002/003). ScottPlot draws each
/// panel; Skia stacks them into one PNG.
/// </summary>
public static class LossPlot
{
    /// <summary>A named curve: x = steps, y = values.</summary>
    public sealed record Series(string Label, double[] Steps, double[] Values);

    /// <param name="probabilities">Whether the outputs are probabilities (axis fixed to [0, 1]) or raw scores.</param>
    /// <param name="quality">FID over steps, drawn as a panel of its own when given.</param>
    /// <param name="distances">further terms of the losses (L1, cycle and content distances, KL, the levels of a pyramid), drawn as a panel of their own when given.</param>
    public static void Save(string path, IReadOnlyList<Series> losses, IReadOnlyList<Series> outputs, string title, bool probabilities = true,
        Series? quality = null, IReadOnlyList<Series>? distances = null, int width = 900)
    {
        int panel = 320;
        var panels = new List<byte[]>
        {
            Panel(losses, title, "loss", width, panel, null),
            probabilities
                ? Panel(outputs, "mean discriminator output", "σ(logit)", width, panel, (0, 1))
                : Panel(outputs, "mean critic score", "D(·)", width, panel, null),
        };
        if (distances?.Any(d => d.Steps.Length > 0) == true) panels.Add(Panel(distances, "further loss terms", "loss", width, panel, null));
        if (quality is { Steps.Length: > 0 }) panels.Add(Panel(new[] { quality }, "sample quality (lower is better)", quality.Label, width, panel, null));
        using var surface = SKSurface.Create(new SKImageInfo(width, panels.Count * panel));
        surface.Canvas.Clear(SKColors.White);
        for (int i = 0; i < panels.Count; i++)
        {
            using var bitmap = SKBitmap.Decode(panels[i]);
            using var drawn = SKImage.FromBitmap(bitmap);
            surface.Canvas.DrawImage(drawn, 0, i * panel, new SKSamplingOptions(SKFilterMode.Nearest));
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, s => png.SaveTo(s));
    }

    private static byte[] Panel(IReadOnlyList<Series> series, string title, string yLabel, int width, int height, (double, double)? yRange)
    {
        var plot = GanSharp.Imaging.PlotFonts.NewPlot();
        foreach (var s in series.Where(s => s.Steps.Length > 0))
        {
            var line = plot.Add.ScatterLine(s.Steps, s.Values);
            line.LegendText = s.Label;
        }
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        if (yRange is var (lo, hi)) plot.Axes.SetLimitsY(lo, hi);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
