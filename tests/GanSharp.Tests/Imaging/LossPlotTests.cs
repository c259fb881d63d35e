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

    [Fact]
    public void ACycleGanRun_PlotsItsCycleDistances_InAThirdPanel_AndNamesTranslatedImagesInTheLegend()
    {
        using var tmp = TestSetup.Temp();
        GanSharp.Tests.Data.DrawnFolders.Draw(tmp.File("a"), 6, classes: false);
        GanSharp.Tests.Data.DrawnFolders.Draw(tmp.File("b"), 6, classes: true);
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "train", "cyclegan", "--data", tmp.File("a"), "--data-b", tmp.File("b"), "--pairs", "unpaired",
            "--resolution", "16", "--d-layers", "2", "--width", "2", "--residual-blocks", "0", "--batch-size", "2", "--steps", "2", "--log-every", "1", "--runs", tmp.Path, "--name", "c" },
            new StringWriter(), error), error.ToString());
        var (_, w, h) = ImageGrid.ReadPng(tmp.File("c/losses.png"));
        Assert.Equal((900, 3 * 320), (w, h));                                     // losses, D's outputs, distances
        var progress = ((GanSharp.Recipes.IRecipe)new GanSharp.Recipes.ImageToImage.CycleGan(
            GanSharp.Recipes.Families.DefaultsOf<GanSharp.Recipes.ImageToImage.CycleGanOptions>("cyclegan") with { Resolution = 16, DLayers = 2, Width = 2, ResidualBlocks = 0 }, 0, TorchSharp.torch.CPU)).Progress;
        Assert.Contains("translated", progress.FakeLabel);
        Assert.Equal(new[] { "cycle/a", "cycle/b", "loss/identity" }, progress.Distances!.Select(d => d.Key));
        // the default 3 layers would halve 16 to 2 and leave no patch: refused in words, not by libtorch
        var refused = new StringWriter();
        GanSharp.Cli.GanCli.Run(new[] { "train", "cyclegan", "--data", tmp.File("a"), "--data-b", tmp.File("b"), "--pairs", "unpaired", "--resolution", "16", "--runs", tmp.Path }, new StringWriter(), refused);
        Assert.Contains("use --d-layers 2", refused.ToString());
    }
}
