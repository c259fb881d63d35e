using ScottPlot;
using SkiaSharp;

namespace GanSharp.Imaging;

/// <summary>Several ScottPlot plots side by side in one PNG, written atomically.</summary>
public static class PlotPanels
{
    public static void SaveSideBySide(string path, IReadOnlyList<Plot> panels, int panelWidth = 700, int panelHeight = 600)
    {
        using var surface = SKSurface.Create(new SKImageInfo(panels.Count * panelWidth, panelHeight));
        surface.Canvas.Clear(SKColors.White);
        for (int i = 0; i < panels.Count; i++)
        {
            using var panel = SKBitmap.Decode(panels[i].GetImageBytes(panelWidth, panelHeight, ImageFormat.Png));
            using var drawn = SKImage.FromBitmap(panel);
            surface.Canvas.DrawImage(drawn, i * panelWidth, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, s => png.SaveTo(s));
    }
}
