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
            surface.Canvas.DrawBitmap(panel, i * panelWidth, 0);
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, s => png.SaveTo(s));
    }
}
