using System.Text.Json;
using GanSharp.Cli;
using GanSharp.Imaging;
using Xunit;

namespace GanSharp.Tests.Cli;

public sealed class StyleSpaceCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => GanCliTests.Run(args);

    [Fact]
    public void Stylegan_InterpolatesInW_AndMeasuresThePathLengthThere()
    {
        using var tmp = TestSetup.Temp();
        var (code, _, err) = Run("train", "stylegan", "--data", "embedded", "--resolution", "8", "--width", "4", "--max-channels", "8", "--batch-size", "8",
            "--latent-size", "8", "--style-size", "6", "--mapping-depth", "2", "--steps", "2", "--runs", tmp.Path, "--name", "s", "--no-conv-check");
        Assert.True(code == 0, err);

        (code, var output, err) = Run("latent", "interpolate", tmp.File("s"), "--space", "w", "--steps", "4", "--out", tmp.File("w.png"));
        Assert.True(code == 0, err);
        Assert.Contains("lerp in w", output);
        (code, _, err) = Run("latent", "interpolate", tmp.File("s"), "--steps", "4", "--out", tmp.File("z.png"));
        Assert.True(code == 0, err);
        var (inW, width, _) = ImageGrid.ReadPng(tmp.File("w.png"));
        var (inZ, _, _) = ImageGrid.ReadPng(tmp.File("z.png"));
        byte[] Tile(byte[] rgb, int column) => Enumerable.Range(0, 8).SelectMany(y => rgb.Skip(((2 + y) * width + 2 + column * 10) * 3).Take(8 * 3)).ToArray();
        Assert.Equal(Tile(inZ, 0), Tile(inW, 0));                   // the same ends: the image of the first seed's w
        Assert.Equal(Tile(inZ, 3), Tile(inW, 3));
        Assert.NotEqual(Tile(inZ, 1), Tile(inW, 1));                // in between, a line in W is not the image of a great circle in Z

        (code, output, err) = Run("eval", tmp.File("s"), "--path-length", "w", "--count", "100");
        Assert.True(code == 0, err);
        Assert.Contains("perceptual path length in w", output);
        using var report = JsonDocument.Parse(File.ReadAllText(tmp.File("s/path-length-w.json")));
        Assert.Equal(100, report.RootElement.GetProperty("pairs").GetInt32());
        Assert.Equal(98, report.RootElement.GetProperty("kept").GetInt32());        // distinct lengths: the lowest and the highest fall outside the percentiles
        Assert.True(report.RootElement.GetProperty("length").GetDouble() > 0);

        (code, _, err) = Run("eval", tmp.File("s"), "--path-length", "z", "--count", "100");
        Assert.True(code == 0, err);
        Assert.True(File.Exists(tmp.File("s/path-length-z.json")));
        (code, _, err) = Run("eval", tmp.File("s"), "--path-length", "w", "--count", "10");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("at least 100 pairs", err);
    }

    [Fact]
    public void PathLengthInW_IsRefusedForAFamilyWithoutW()
    {
        using var tmp = TestSetup.Temp();
        var (code, _, err) = Run("train", "dcgan", "--data", "embedded", "--width", "8", "--batch-size", "8", "--latent-size", "8", "--steps", "1", "--runs", tmp.Path, "--name", "d", "--no-conv-check");
        Assert.True(code == 0, err);
        (code, _, err) = Run("eval", tmp.File("d"), "--path-length", "w", "--count", "100");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("measure it in z", err);
        (code, _, err) = Run("latent", "interpolate", tmp.File("d"), "--space", "w");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("interpolate this run in z", err);
    }
}
