using GanSharp.Features;
using GanSharp.Cli;
using GanSharp.Imaging;
using Xunit;

namespace GanSharp.Tests.Cli;

public sealed class GanCliTests
{
    /// <summary>The CLI in-process: exit code, standard output and error.</summary>
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = GanCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void UnknownFamily_ExitsNonZero_AndNamesTheValidOnes()
    {
        var (code, _, err) = Run("train", "stylegan9");
        Assert.Equal(ExitCode.UsageError, code);
        Assert.Contains("'vanilla'", err);
        Assert.Contains("'dcgan'", err);
    }

    [Fact]
    public void UnknownLoss_ExitsNonZero_AndNamesTheValidOnes()
    {
        var (code, _, err) = Run("train", "dcgan", "--g-loss", "hinge-ish");
        Assert.Equal(ExitCode.UsageError, code);
        Assert.Contains("'non-saturating'", err);
        Assert.Contains("'minimax'", err);
    }

    [Theory]
    [InlineData("--steps", "0", "--steps must be positive")]
    [InlineData("--d-steps", "0", "--d-steps must be positive")]
    [InlineData("--beta1", "1.5", "--beta1 must be in [0, 1)")]
    [InlineData("--resolution", "30", "resolution 30")]
    public void InvalidValue_IsAnErrorNamingTheOption(string flag, string value, string expected)
    {
        using var tmp = TestSetup.Temp();
        var (code, _, err) = Run("train", "dcgan", flag, value, "--runs", tmp.Path);
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains(expected, err);
    }

    [Fact]
    public void DeviceCuda_OnThisBuild_IsAClearError()
    {
        using var tmp = TestSetup.Temp();
        var (code, _, err) = Run("train", "vanilla", "--steps", "1", "--device", "cuda", "--runs", tmp.Path, "--data", "embedded");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("TorchSharp-cpu", err);
    }

    [Fact]
    public void ResumeOfAMissingRun_IsAClearError()
    {
        var (code, _, err) = Run("resume", "/no/such/run");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("/no/such/run/config.json: not found", err);
    }

    [Fact]
    public void TrainThenSample_WritesARunFolderAndAGrid()
    {
        using var tmp = TestSetup.Temp();
        var (code, output, err) = Run("train", "vanilla", "--steps", "4", "--width", "32", "--batch-size", "8", "--data", "embedded",
            "--runs", tmp.Path, "--name", "v", "--log-every", "2", "--sample-every", "2");
        Assert.True(code == 0, err);
        Assert.Contains("embedded", output);
        Assert.Contains("step 4/4", output);
        foreach (var f in new[] { "config.json", "metrics.jsonl", "losses.png", "train.log", "samples/step-000002.png", "samples/step-000004.png", "checkpoints/last.ckpt" })
            Assert.True(File.Exists(Path.Combine(tmp.Path, "v", f)), f);
        Assert.Single(Directory.GetFiles(Path.Combine(tmp.Path, "v"), "events.out.tfevents.*"));

        (code, output, err) = Run("sample", Path.Combine(tmp.Path, "v"), "--count", "9", "--out", tmp.File("grid.png"), "--seed", "3");
        Assert.True(code == 0, err);
        var (_, w, h) = ImageGrid.ReadPng(tmp.File("grid.png"));
        Assert.Equal((2 + 3 * 30, 2 + 3 * 30), (w, h));  // 3×3 images of 28 px with 2 px padding

        (code, _, err) = Run("train", "vanilla", "--steps", "4", "--data", "embedded", "--runs", tmp.Path, "--name", "v");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("gan resume", err);
    }

    [Fact]
    public void Sample_SameSeed_SameImages()
    {
        using var tmp = TestSetup.Temp();
        Assert.Equal(0, Run("train", "vanilla", "--steps", "1", "--width", "16", "--batch-size", "8", "--data", "embedded", "--runs", tmp.Path, "--name", "v").Code);
        Run("sample", tmp.File("v"), "--count", "4", "--out", tmp.File("a.png"), "--seed", "1");
        Run("sample", tmp.File("v"), "--count", "4", "--out", tmp.File("b.png"), "--seed", "1");
        Run("sample", tmp.File("v"), "--count", "4", "--out", tmp.File("c.png"), "--seed", "2");
        Assert.Equal(ImageGrid.ReadPng(tmp.File("a.png")).Rgb, ImageGrid.ReadPng(tmp.File("b.png")).Rgb);
        Assert.NotEqual(ImageGrid.ReadPng(tmp.File("a.png")).Rgb, ImageGrid.ReadPng(tmp.File("c.png")).Rgb);
    }
}

public sealed class GanCliFamilyTests
{
    [Fact]
    public void Train_FamilyDefaultsStand_UnlessAFlagOverridesThem()
    {
        using var tmp = TestSetup.Temp();
        var output = new StringWriter();
        var error = new StringWriter();
        int code = GanCli.Run(new[] { "train", "wgan-gp", "--steps", "1", "--width", "8", "--batch-size", "8", "--lr-g", "0.0003",
            "--data", "embedded", "--runs", tmp.Path, "--name", "r", "--no-conv-check" }, output, error);
        Assert.True(code == 0, error.ToString());
        var config = GanSharp.Training.RunConfig.Load(Path.Combine(tmp.Path, "r", "config.json"));
        var options = (GanSharp.Recipes.GanOptions)config.Options;
        Assert.Equal(3e-4, config.Options.LrG);      // overridden
        Assert.Equal(1e-4, config.Options.LrD);      // the family's
        Assert.Equal(0.9, config.Options.Beta2);
        Assert.Equal("gp", options.Penalty);
        Assert.False(options.SpectralNorm);

        code = GanCli.Run(new[] { "train", "dcgan", "--steps", "1", "--width", "8", "--batch-size", "8", "--spectral-norm", "--loss", "hinge",
            "--data", "embedded", "--runs", tmp.Path, "--name", "s", "--no-conv-check" }, output, error);
        Assert.True(code == 0, error.ToString());
        config = GanSharp.Training.RunConfig.Load(Path.Combine(tmp.Path, "s", "config.json"));
        options = (GanSharp.Recipes.GanOptions)config.Options;
        Assert.True(options.SpectralNorm);
        Assert.Equal(("hinge", "batch"), (options.Loss, options.DNorm));
    }

    [Theory]
    [InlineData("began")]
    [InlineData("ebgan")]
    public void AutoencoderFamilies_TrainAndSampleFromTheCommandLine(string family)
    {
        using var tmp = TestSetup.Temp();
        var error = new StringWriter();
        Assert.True(0 == GanCli.Run(new[] { "train", family, "--steps", "2", "--width", "8", "--batch-size", "8", "--code-size", "8",
            "--data", "embedded", "--runs", tmp.Path, "--name", "r" }, new StringWriter(), error), error.ToString());
        Assert.True(0 == GanCli.Run(new[] { "sample", Path.Combine(tmp.Path, "r"), "--count", "4", "--out", tmp.File("g.png") }, new StringWriter(), error), error.ToString());
        Assert.Equal(62, GanSharp.Imaging.ImageGrid.ReadPng(tmp.File("g.png")).Width);   // 2 × (28 + 2) + 2
    }

    [Fact]
    public void Compare_WritesAPageWithATableRowAndPicturesPerFamily()
    {
        using var tmp = TestSetup.Temp();
        var error = new StringWriter();
        int code = GanCli.Run(new[] { "compare", "vanilla", "lsgan", "--steps", "2", "--data", "embedded",
            "--runs", tmp.File("runs"), "--out", tmp.File("docs/page.md") }, new StringWriter(), error);
        Assert.True(code == 0, error.ToString());
        var page = File.ReadAllText(tmp.File("docs/page.md"));
        Assert.Contains("| vanilla | vanilla | non-saturating | 2 |", page);
        Assert.Contains("| lsgan | lsgan | least-squares | 2 |", page);
        foreach (var image in new[] { "vanilla-samples.png", "vanilla-losses.png", "lsgan-samples.png", "lsgan-losses.png" })
        {
            Assert.Contains($"images/{image}", page);
            Assert.True(File.Exists(tmp.File("docs/images/" + image)), image);
        }
    }

    [Fact]
    public void Compare_WithSeedsAndEvaluation_ReportsFidPerRunAndItsSpread()
    {
        using var tmp = TestSetup.Temp();
        TorchSharp.torch.manual_seed(6);
        GanSharp.Features.FeatureNetworkTraining.Save(new GanSharp.Features.FeatureNetwork(), new("test", 0, 0, 0.1, 0, 0, "none"), tmp.File("net.bin"));
        var error = new StringWriter();
        int code = GanCli.Run(new[] { "compare", "vanilla", "--steps", "2", "--seeds", "2", "--eval-samples", "20", "--features", tmp.File("net.bin"),
            "--data", "embedded", "--runs", tmp.File("runs"), "--out", tmp.File("page.md") }, new StringWriter(), error);
        Assert.True(code == 0, error.ToString());
        var page = File.ReadAllText(tmp.File("page.md"));
        Assert.Contains("| vanilla-seed0 |", page);
        Assert.Contains("| vanilla-seed1 |", page);
        Assert.Contains("## FID over seeds", page);
        Assert.Contains("| vanilla | 2 |", page);
        Assert.Contains("20 samples against 20 images", page);
    }

    [Fact]
    public void List_ShowsEveryFamilyLossAndPenalty()
    {
        var output = new StringWriter();
        Assert.Equal(0, GanCli.Run(new[] { "list" }, output, new StringWriter()));
        var text = output.ToString();
        foreach (var name in GanSharp.Recipes.Families.Names.Concat(GanSharp.Losses.Objective.All.Select(o => o.Name)).Concat(new[] { "gp", "r1", "r2", "dragan", "--clip" }))
            Assert.Contains(name, text);
    }
}
