using GanSharp.Cli;
using GanSharp.Data.Sources;
using GanSharp.Data.Text;
using GanSharp.Features;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Features;

public sealed class TextMatcherTests
{
    /// <summary>90 noisy 16×16 squares in three colours, each described by its colour: a pairing a matcher can learn.</summary>
    private static string ColourFolder(TempFolder tmp)
    {
        var random = new Random(3);
        var lines = new List<string>();
        var colours = new (string Name, Rgba32 Colour)[] { ("red", new(220, 30, 30, 255)), ("green", new(30, 200, 40, 255)), ("blue", new(40, 40, 220, 255)) };
        for (int i = 0; i < 90; i++)
        {
            var (name, colour) = colours[i % 3];
            using var image = new Image<Rgba32>(16, 16);
            for (int y = 0; y < 16; y++)
                for (int x = 0; x < 16; x++)
                    image[x, y] = new Rgba32((byte)Math.Clamp(colour.R + random.Next(-40, 40), 0, 255), (byte)Math.Clamp(colour.G + random.Next(-40, 40), 0, 255), (byte)Math.Clamp(colour.B + random.Next(-40, 40), 0, 255), 255);
            Directory.CreateDirectory(tmp.File("set")); image.SaveAsPng(tmp.File($"set/{i:D3}.png"));
            lines.Add($"{i:D3}.png\ta {name} square");
        }
        File.WriteAllLines(tmp.File("set/captions.tsv"), lines);
        return tmp.File("set");
    }

    [Fact]
    public void Loss_OfPerfectlySeparatedPairs_IsTheClosedForm()
    {
        const int n = 4;
        var similarities = eye(n, dtype: float64);                                       // own pair cosine 1, others 0
        double t = 1 / TextMatcher.Temperature;
        double byHand = -Math.Log(Math.Exp(t) / (Math.Exp(t) + (n - 1)));                  // both directions alike
        Assert.Equal(byHand, TextMatcher.Loss(similarities).item<double>(), 10);
    }

    [Fact]
    public void MatchingScore_CountsTiesAsHalf_ChanceIsOneHalf()
    {
        using var matcher = new TextMatcher(Vocabulary.Of(new[] { "a red square" }), 3);
        var images = zeros(6, 3, 16, 16);                                                // one image, one description, six times: all ties
        var ids = Vocabulary.Of(new[] { "a red square" }).EncodeAll(Enumerable.Repeat("a red square", 6).ToArray());
        Assert.Equal(0.5, TextMatcherTraining.MatchingScore(matcher, images, ids, seed: 1), 12);
    }

    [Fact]
    public void TextTrain_LearnsColourWords_AndTheStoredMatcherScoresTheSame()
    {
        using var tmp = TestSetup.Temp();
        string folder = ColourFolder(tmp);
        var (code, output, err) = GanSharp.Tests.Cli.GanCliTests.Run("text", "train", "--data", folder, "--resolution", "16", "--epochs", "6", "--out", tmp.File("m.bin"));
        Assert.True(code == 0, err);
        Assert.Contains("held-out matching score", output);
        var (matcher, info) = TextMatcherTraining.Load(tmp.File("m.bin"));
        using var owned = matcher;
        Assert.Equal(new[] { "a", "blue", "green", "red", "square" }, info.Words);
        // a random other description has the same colour one time in three (a tie, ½): a perfect matcher scores 5/6, chance ½
        using var set = ImageFolder.Load(folder, new ImageFolderOptions(16, 3) { Text = matcher.Vocabulary });
        double score = TextMatcherTraining.MatchingScore(matcher, set, seed: 5);
        Assert.InRange(score, 0.75, 5.0 / 6 + 0.02);
        Assert.Equal(info.Words.Count + 1, matcher.Vocabulary.Size);

        (code, _, err) = GanSharp.Tests.Cli.GanCliTests.Run("text", "train", "--data", tmp.File("nowhere"));
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("nowhere", err);
    }
}
