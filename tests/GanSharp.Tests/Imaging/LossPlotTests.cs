using GanSharp.Imaging;
using Xunit;

namespace GanSharp.Tests.Imaging;

public sealed class LossPlotTests
{
    [Fact]
    public void LossPlot_WritesItsTitleAndLabels_InAFont()
    {
        // SkiaSharp's self-contained build finds no fonts by itself; without PlotFonts the plot is drawn without any text.
        using var tmp = TestSetup.Temp();
        var steps = new double[] { 1, 2, 3 };
        LossPlot.Save(tmp.File("losses.png"), new[] { new LossPlot.Series("D loss", steps, new double[] { 1, 0.5, 0.7 }) },
            new[] { new LossPlot.Series("D(x)", steps, new double[] { 0.6, 0.7, 0.8 }) }, "a title");
        Assert.NotNull(PlotFonts.FontFile);
        var (rgb, w, _) = ImageGrid.ReadPng(tmp.File("losses.png"));
        // the title sits centred above the first panel's frame: dark pixels in the top 30 rows of the middle third
        int dark = 0;
        for (int y = 0; y < 30; y++)
            for (int x = w / 3; x < 2 * w / 3; x++)
                if (rgb[3 * (y * w + x)] < 100) dark++;
        Assert.InRange(dark, 20, 5000);
    }
}
