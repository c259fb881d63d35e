using System.Text.Json;
using GanSharp.Cli;
using GanSharp.Imaging;
using Xunit;

namespace GanSharp.Tests.Cli;

public sealed class LapGanCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => GanCliTests.Run(args);

    [Fact]
    public void LapganRun_SamplesItsLevels_AndEvaluatesEachAgainstTheLowPassedRealImages()
    {
        using var tmp = TestSetup.Temp();
        var (code, _, err) = Run("train", "lapgan", "--data", "embedded", "--resolution", "28", "--base-side", "7", "--base-hidden", "16",
            "--width", "4", "--level-width", "4", "--batch-size", "8", "--latent-size", "8", "--steps", "2", "--runs", tmp.Path, "--name", "l", "--no-conv-check");
        Assert.True(code == 0, err);

        (code, var output, err) = Run("sample", tmp.File("l"), "--levels", "--count", "2", "--out", tmp.File("levels.png"));
        Assert.True(code == 0, err);
        Assert.Contains("7 → 14 → 28", output);
        var (_, w, h) = ImageGrid.ReadPng(tmp.File("levels.png"));
        Assert.Equal((2 + 3 * 30, 2 + 2 * 30), (w, h));              // rows = 2 samples, columns = levels 7, 14, 28, each shown at 28 px

        (code, output, err) = Run("eval", tmp.File("l"), "--levels", "--count", "20");
        Assert.True(code == 0, err);
        using var levels = JsonDocument.Parse(File.ReadAllText(tmp.File("l/levels.json")));
        var points = levels.RootElement.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(new[] { 7, 14, 28 }, points.Select(p => p.GetProperty("side").GetInt32()));
        foreach (var f in new[] { "eval-level-7.json", "eval-level-14.json", "eval-level-28.json" }) Assert.True(File.Exists(tmp.File("l/" + f)), f);

        // The finest level is the finished image against unfiltered real images: plain eval's numbers.
        (code, _, err) = Run("eval", tmp.File("l"), "--count", "20");
        Assert.True(code == 0, err);
        using var plain = JsonDocument.Parse(File.ReadAllText(tmp.File("l/eval.json")));
        Assert.Equal(plain.RootElement.GetProperty("fid").GetDouble(), points[2].GetProperty("fid").GetDouble(), 9);
        Assert.NotEqual(points[0].GetProperty("fid").GetDouble(), points[2].GetProperty("fid").GetDouble());

        (code, _, err) = Run("eval", tmp.File("l"), "--levels", "--truncation", "0.5");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("--levels and --truncation", err);
    }
}
