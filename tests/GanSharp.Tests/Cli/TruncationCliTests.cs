using System.Text.Json;
using GanSharp.Cli;
using GanSharp.Imaging;
using Xunit;

namespace GanSharp.Tests.Cli;

public sealed class TruncationCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => GanCliTests.Run(args);

    [Fact]
    public void ConditionalBiggan_SamplesTruncatedClassGrids_AndSweepsPsiInEval()
    {
        using var tmp = TestSetup.Temp();
        var (code, _, err) = Run("train", "biggan", "--data", "embedded", "--classes", "10", "--resolution", "16", "--attention", "8", "--width", "8",
            "--batch-size", "8", "--latent-size", "12", "--shared-embedding", "6", "--steps", "2", "--runs", tmp.Path, "--name", "b", "--no-conv-check");
        Assert.True(code == 0, err);

        (code, var output, err) = Run("sample", tmp.File("b"), "--class-grid", "--columns", "3", "--truncation", "0", "--out", tmp.File("g.png"));
        Assert.True(code == 0, err);
        Assert.Contains("truncation ψ = 0", output);
        var (rgb, w, h) = ImageGrid.ReadPng(tmp.File("g.png"));
        Assert.Equal((2 + 3 * 18, 2 + 10 * 18), (w, h));           // 10 class rows × 3 columns of 16 px with 2 px padding
        byte[] Tile(int row, int column) => Enumerable.Range(0, 16).SelectMany(y => rgb.Skip(((2 + row * 18 + y) * w + 2 + column * 18) * 3).Take(16 * 3)).ToArray();
        Assert.Equal(Tile(4, 0), Tile(4, 2));                       // ψ = 0: z at its mode, one image per class

        (code, output, err) = Run("eval", tmp.File("b"), "--truncation", "1,0.5", "--count", "20");
        Assert.True(code == 0, err);
        using var sweep = JsonDocument.Parse(File.ReadAllText(tmp.File("b/truncation.json")));
        var psis = sweep.RootElement.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("psi").GetDouble()).ToArray();
        Assert.Equal(new[] { 0.5, 1.0 }, psis);
        foreach (var f in new[] { "truncation.png", "eval-psi-0.5.json", "eval-psi-1.json" }) Assert.True(File.Exists(tmp.File("b/" + f)), f);

        (code, _, err) = Run("sample", tmp.File("b"), "--truncation", "-1", "--out", tmp.File("x.png"));
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("--truncation must be a number ≥ 0", err);
        (code, _, err) = Run("eval", tmp.File("b"), "--truncation", "0.5,big");
        Assert.Contains("'big' is not a number", err);
    }
}
