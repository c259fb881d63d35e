using GanSharp.Recipes;
using GanSharp.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace GanSharp.Tests.Training;

/// <summary>Training on a folder of colour images: networks in the data's channels, augmentation that resumes exactly.</summary>
public sealed class FolderRunTests
{
    /// <summary>48 images of 40×40 in two class folders: random colour blocks, so crops and flips change them.</summary>
    private static string ColourFolder(TempFolder tmp)
    {
        var rng = new Random(11);
        for (int i = 0; i < 48; i++)
        {
            string klass = i % 2 == 0 ? "warm" : "cold";
            Directory.CreateDirectory(tmp.File($"images/{klass}"));
            using var image = new Image<Rgb24>(40, 40);
            for (int y = 0; y < 40; y++) for (int x = 0; x < 40; x++)
                image[x, y] = (x / 10 + y / 10) % 2 == 0 ? new Rgb24((byte)rng.Next(256), 40, 40) : new Rgb24(20, (byte)rng.Next(256), 200);
            image.SaveAsPng(tmp.File($"images/{klass}/{i:000}.png"));
        }
        return tmp.File("images");
    }

    private static TrainerOptions Trainer(string folder, long steps) => TinyRuns.Trainer(steps, checkpointEvery: 2) with { Data = folder, Augment = "crop-flip", Labels = "folders" };

    private static GanOptions Dcgan32 => TinyRuns.Dcgan() with { Resolution = 32, BatchSize = 8 };

    [Fact]
    public void FolderRun_InColourWithCropsAndFlips_ResumesBitIdentically()
    {
        using var tmp = TestSetup.Temp();
        var folder = ColourFolder(tmp);
        float[] straight;
        using (var s = TinyRuns.Start(tmp, "straight", Dcgan32, Trainer(folder, 4)))
        {
            Assert.Equal(TrainingOutcome.Completed, s.Train(Array.Empty<ITrainingCallback>()));
            straight = TinyRuns.Weights(s.Recipe);
            Assert.Equal(3, s.Config.Options.Channels);
            Assert.Equal(GanSharp.Data.DataShape.Image(3, 32, 32, 2), s.Config.DataShape);
            Assert.Equal(new[] { "cold", "warm" }, s.Config.ClassNames);
        }
        using (var s = TinyRuns.Start(tmp, "killed", Dcgan32, Trainer(folder, 4)))
            Assert.Throws<InvalidOperationException>(() => s.Train(new[] { new KillAt(3) }));
        var messages = new List<string>();
        using (var resumed = TrainingSession.Resume(tmp.File("killed"), messages.Add))
        {
            resumed.Train(Array.Empty<ITrainingCallback>());
            Assert.Equal(straight, TinyRuns.Weights(resumed.Recipe));
        }
        Assert.DoesNotContain(messages, m => m.Contains("warning"));
        // A folder that changed under a run: the same indices now mean other images, and resume says so.
        File.Copy(Directory.GetFiles(Path.Combine(folder, "warm"))[0], Path.Combine(folder, "warm", "added.png"));
        messages.Clear();
        using (TrainingSession.Resume(tmp.File("killed"), messages.Add, totalSteps: 5)) { }
        Assert.Contains(messages, m => m.Contains("warning: the data now reads as") && m.Contains("49 images"));
    }

    [Fact]
    public void GanTrain_OnAFolder_WritesColourGrids_AndCgansTakeItsLabels()
    {
        using var tmp = TestSetup.Temp();
        var folder = ColourFolder(tmp);
        var error = new StringWriter();
        var output = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "train", "cgan", "--data", folder, "--labels", "folders", "--classes", "2", "--resolution", "32", "--width", "8",
            "--batch-size", "8", "--steps", "2", "--sample-every", "2", "--runs", tmp.Path, "--name", "c" }, output, error), error.ToString());
        Assert.Contains("image folder", output.ToString());
        Assert.Contains("2 classes from subfolders", output.ToString());
        using var grid = SkiaSharp.SKBitmap.Decode(tmp.File("c/samples/step-000002.png"));
        Assert.Equal((8 * 34 + 2, 2 * 34 + 2), (grid.Width, grid.Height));                 // 2 classes × 8 columns of 32-pixel tiles
        var colours = Enumerable.Range(0, 200).Select(i => grid.GetPixel(3 + i % 60, 3 + i / 60)).ToList();
        Assert.Contains(colours, c => c.Red != c.Green || c.Green != c.Blue);                    // a colour grid, not grey

        // gan eval needs a feature network of the folder's own, and says how to make it
        var refused = new StringWriter();
        Assert.Equal(GanSharp.Cli.ExitCode.Error, GanSharp.Cli.GanCli.Run(new[] { "eval", tmp.File("c"), "--count", "30" }, new StringWriter(), refused));
        Assert.Contains($"gan features train --data {folder} --resolution 32 --channels 3 --labels folders", refused.ToString());
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "features", "train", "--data", folder, "--resolution", "32", "--labels", "folders", "--epochs", "1",
            "--out", tmp.File("net.bin") }, new StringWriter(), error), error.ToString());
        var evaluated = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "eval", tmp.File("c"), "--count", "30", "--features", tmp.File("net.bin") }, evaluated, error), error.ToString());
        Assert.Contains("like for like, 24 images each", evaluated.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(tmp.File("c/eval.json")));
        var report = json.RootElement;
        Assert.Equal((30L, 30L), (report.GetProperty("realCount").GetInt64(), report.GetProperty("generatedCount").GetInt64()));
        Assert.Contains("image folder", report.GetProperty("reference").GetString());
        Assert.Equal(24, report.GetProperty("floor").GetProperty("count").GetInt64());              // half of the 48 images
        Assert.InRange(report.GetProperty("inceptionScoreMean").GetDouble(), 1, 2);                 // a network of 2 classes: IS lies in [1, 2]
    }

    /// <summary>Every image family trains on a labelled colour folder at 64×64: networks in 3 channels, grids in colour, conditional ones on the folder's 2 classes.</summary>
    [Theory]
    [InlineData("vanilla")]
    [InlineData("dcgan")]
    [InlineData("lsgan")]
    [InlineData("wgan")]
    [InlineData("wgan-gp")]
    [InlineData("sngan")]
    [InlineData("cgan")]
    [InlineData("cgan-mlp")]
    [InlineData("acgan")]
    [InlineData("projection")]
    [InlineData("infogan")]
    [InlineData("began")]
    [InlineData("ebgan")]
    public void EveryImageFamily_TrainsOnAColourFolderAt64(string family)
    {
        using var tmp = TestSetup.Temp();
        var folder = ColourFolder(tmp);
        var error = new StringWriter();
        var labels = family is "cgan" or "cgan-mlp" or "acgan" or "projection" ? new[] { "--labels", "folders" } : Array.Empty<string>();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "train", family, "--data", folder, "--resolution", "64", "--width", "8", "--batch-size", "8", "--steps", "1",
            "--sample-every", "1", "--runs", tmp.Path, "--name", "r" }.Concat(labels).ToArray(), new StringWriter(), error), error.ToString());
        var config = RunConfig.Load(tmp.File("r/config.json"));
        Assert.Equal((3, 64), (config.Options.Channels, config.Options.Resolution));
        if (labels.Length > 0) Assert.Equal(2, ((ConditionalOptions)config.Options).Classes);          // the folder's classes, not the default 10
        using var grid = SkiaSharp.SKBitmap.Decode(tmp.File("r/samples/step-000001.png"));
        Assert.Equal(0, (grid.Width - 2) % 66);                                                        // 64-pixel tiles with 2-pixel gaps
        var colours = Enumerable.Range(0, 400).Select(i => grid.GetPixel(2 + i % 64, 2 + i / 64)).ToList();
        Assert.Contains(colours, c => c.Red != c.Green || c.Green != c.Blue);
    }

    [Fact]
    public void FolderOptions_WithoutAFolder_AreAnErrorNamingThem()
    {
        using var tmp = TestSetup.Temp();
        var e = Assert.Throws<GanSharpException>(() => TinyRuns.Start(tmp, "x", TinyRuns.Dcgan(), TinyRuns.Trainer(1) with { Channels = 3, Augment = "flip" }));
        Assert.Contains("--channels, --augment apply to image folders", e.Message);
    }

    private sealed class KillAt(long step) : ITrainingCallback
    {
        public void OnStep(TrainingState state, GanSharp.Recipes.StepLog log)
        {
            if (state.Step == step) throw new InvalidOperationException("simulated kill");
        }
    }
}

public sealed class SampleExportTests
{
    [Fact]
    public void PngFolder_HoldsTheGridsImages_OneFileEach()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "r", TinyRuns.Dcgan(), TinyRuns.Trainer(1))) s.Train(Array.Empty<ITrainingCallback>());
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "sample", tmp.File("r"), "--count", "5", "--seed", "3", "--format", "png-folder", "--out", tmp.File("pngs") }, new StringWriter(), error), error.ToString());
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "sample", tmp.File("r"), "--count", "5", "--seed", "3", "--out", tmp.File("grid.png") }, new StringWriter(), error), error.ToString());
        var files = Directory.GetFiles(tmp.File("pngs")).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(new[] { "000000.png", "000001.png", "000002.png", "000003.png", "000004.png" }, files);
        var grid = GanSharp.Imaging.ImageGrid.ReadPng(tmp.File("grid.png"));
        for (int i = 0; i < 5; i++)
        {
            var single = GanSharp.Imaging.ImageGrid.ReadPng(tmp.File($"pngs/{files[i]}"));
            Assert.Equal((28, 28), (single.Width, single.Height));
            // Tile i of the grid (3 columns for 5 images, 2-pixel gaps) holds the same pixels.
            int top = 2 + i / 3 * 30, left = 2 + i % 3 * 30;
            for (int y = 0; y < 28; y++)
                for (int x = 0; x < 28; x++)
                    for (int c = 0; c < 3; c++)
                        Assert.Equal(single.Rgb[(y * 28 + x) * 3 + c], grid.Rgb[((top + y) * grid.Width + left + x) * 3 + c]);
        }
    }

    [Fact]
    public void Npy_IsNumpysFormat_WithThePngFoldersPixels()
    {
        using var tmp = TestSetup.Temp();
        using (var s = TinyRuns.Start(tmp, "r", TinyRuns.Dcgan(), TinyRuns.Trainer(1))) s.Train(Array.Empty<ITrainingCallback>());
        var error = new StringWriter();
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "sample", tmp.File("r"), "--count", "3", "--seed", "3", "--format", "npy", "--out", tmp.File("s.npy") }, new StringWriter(), error), error.ToString());
        Assert.True(0 == GanSharp.Cli.GanCli.Run(new[] { "sample", tmp.File("r"), "--count", "3", "--seed", "3", "--format", "png-folder", "--out", tmp.File("pngs") }, new StringWriter(), error), error.ToString());
        var bytes = File.ReadAllBytes(tmp.File("s.npy"));
        // NumPy's format 1.0: \x93NUMPY, version 1 0, header length (little-endian), the dict padded to 64 bytes with a newline
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, bytes[..8]);
        int headerLength = bytes[8] | bytes[9] << 8;
        string header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.StartsWith("{'descr': '|u1', 'fortran_order': False, 'shape': (3, 28, 28, 1), }", header);
        Assert.EndsWith("\n", header);
        Assert.Equal(10 + headerLength + 3 * 28 * 28, bytes.Length);
        for (int i = 0; i < 3; i++)
        {
            var png = GanSharp.Imaging.ImageGrid.ReadPng(tmp.File($"pngs/{i:000000}.png"));            // grey written as RGB: take red
            for (int p = 0; p < 28 * 28; p++) Assert.Equal(png.Rgb[3 * p], bytes[10 + headerLength + i * 784 + p]);
        }
    }
}
