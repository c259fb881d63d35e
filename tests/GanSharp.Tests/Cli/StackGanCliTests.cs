using System.Text.Json;
using GanSharp.Cli;
using GanSharp.Imaging;
using GanSharp.Tests.Recipes;
using Xunit;

namespace GanSharp.Tests.Cli;

public sealed class StackGanCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => GanCliTests.Run(args);

    [Fact]
    public void StackganRun_SamplesForADescription_ByStage_AndEvalAddsTheMatchingScore()
    {
        using var tmp = TestSetup.Temp();
        string matcher = StackGanTests.Matcher(tmp);
        var (code, _, err) = Run("train", "stackgan", "--data", "embedded-emoji", "--resolution", "16", "--width", "4", "--batch-size", "8", "--latent-size", "8",
            "--condition-size", "6", "--text-matcher", matcher, "--steps", "2", "--runs", tmp.Path, "--name", "s", "--no-conv-check");
        Assert.True(code == 0, err);

        (code, var output, err) = Run("sample", tmp.File("s"), "--text", "grinning face qqqq", "--count", "4", "--out", tmp.File("text.png"));
        Assert.True(code == 0, err);
        Assert.Contains("left out: qqqq", output);
        Assert.Contains("4 samples for \"grinning face qqqq\"", output);
        var (_, w, h) = ImageGrid.ReadPng(tmp.File("text.png"));
        Assert.Equal((2 + 2 * 18, 2 + 2 * 18), (w, h));                          // 4 samples of 16 px in a square grid

        (code, output, err) = Run("sample", tmp.File("s"), "--text", "grinning face | cat face", "--count", "3", "--out", tmp.File("rows.png"));
        Assert.True(code == 0, err);
        var (_, rw, rh) = ImageGrid.ReadPng(tmp.File("rows.png"));
        Assert.Equal((2 + 3 * 18, 2 + 2 * 18), (rw, rh));                        // a row of 3 per description

        (code, output, err) = Run("sample", tmp.File("s"), "--stages", "--count", "2", "--out", tmp.File("stages.png"));
        Assert.True(code == 0, err);
        Assert.Contains("row 1: ", output);
        Assert.Contains("row 2: ", output);
        var (_, sw, sh) = ImageGrid.ReadPng(tmp.File("stages.png"));
        Assert.Equal((2 + 1 * 18, 2 + 2 * 18), (sw, sh));                        // stage I only: one column, one row per sample

        (code, _, err) = Run("sample", tmp.File("s"), "--text", "qqqq zzzzx", "--out", tmp.File("none.png"));
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("none of its words is in the text encoder's vocabulary", err);

        Assert.True(0 == GanCli.Run(new[] { "features", "train", "--data", "embedded-emoji", "--resolution", "16", "--epochs", "1", "--out", tmp.File("net.bin") },
            new StringWriter(), new StringWriter()));
        (code, output, err) = Run("eval", tmp.File("s"), "--count", "40", "--features", tmp.File("net.bin"));
        Assert.True(code == 0, err);
        Assert.Contains("text matching", output);
        using var json = JsonDocument.Parse(File.ReadAllText(tmp.File("s/text-matching.json")));
        Assert.Equal(40, json.RootElement.GetProperty("count").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("generated").GetDouble(), 0, 1);
        Assert.InRange(json.RootElement.GetProperty("real").GetDouble(), 0, 1);
    }
}
