using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using GanSharp.Cli;
using Xunit;
using static GanSharp.Tests.Cli.GanCliTests;

namespace GanSharp.Tests.Cli;

/// <summary>Bad values, names and files end in one sentence naming the option or file (exit 1 or 2), never in a stack trace or a half-made run.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("vanilla", "--beta1", "NaN")]
    [InlineData("vanilla", "--ema-decay", "NaN")]
    [InlineData("dcgan", "--real-label", "NaN")]
    [InlineData("vanilla", "--beta2", "Infinity")]
    [InlineData("began", "--began-gamma", "-Infinity")]
    public void NotANumber_IsRefusedByEveryNumberFlag_BeforeARunFolderExists(string family, string flag, string value)
    {
        using var tmp = TestSetup.Temp();
        var (code, _, err) = Run("train", family, flag, value, "--steps", "1", "--runs", tmp.Path, "--name", "r");
        Assert.Equal(ExitCode.UsageError, code);
        Assert.Contains($"{flag} must be a finite number, got {value}", err);
        Assert.False(Directory.Exists(tmp.File("r")));
    }

    [Fact]
    public void NotANumber_IsRefusedByHandWrittenNumberOptionsToo()
    {
        var (code, _, err) = Run("sample", "no-such-run", "--truncation", "NaN");
        Assert.Equal(ExitCode.UsageError, code);
        Assert.Contains("--truncation must be a finite number", err);
    }

    [Theory]
    [InlineData("../escaped")]
    [InlineData("/tmp/absolute")]
    [InlineData("")]
    [InlineData("two\nlines")]
    [InlineData("..")]
    public void ANameThatIsNotOneFolderName_IsRefused(string name)
    {
        using var tmp = TestSetup.Temp();
        var runs = Path.Combine(tmp.Path, "runs");
        var (code, _, err) = Run("train", "vanilla", "--steps", "1", "--data", "embedded", "--runs", runs, "--name", name);
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("--name", err);
        Assert.Empty(Directory.GetFileSystemEntries(tmp.Path));   // nothing written, inside --runs or out of it
    }

    [Fact]
    public void RunsNamingAFile_IsRefused()
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllText(tmp.File("file"), "x");
        var (code, _, err) = Run("train", "vanilla", "--steps", "1", "--data", "embedded", "--runs", Path.Combine(tmp.File("file"), "sub"));
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains($"{tmp.File("file")} is a file; --runs must be a folder", err);
    }

    [Fact]
    public void ThreadsFarAboveTheCores_AreRefused()
    {
        using var tmp = TestSetup.Temp();
        var (code, _, err) = Run("train", "vanilla", "--steps", "1", "--data", "embedded", "--runs", tmp.Path, "--threads", "1000");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains($"--threads 1000 is more than 4 per core ({Environment.ProcessorCount} cores here", err);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void EvalCountBelowTen_IsRefused(string count)
    {
        using var tmp = TestSetup.Temp();
        var (code, _, err) = Run("eval", tmp.Path, "--count", count);
        Assert.Equal(ExitCode.UsageError, code);
        Assert.Contains($"--count must be at least 10 (metrics compare sets of images), got {count}", err);
    }

    [Theory]
    // by hand: 100→W→W→784 with biases, W = 100,000: 101·W + (W + 1)·W + 784·W + 784 = 10,088,600,784
    [InlineData("vanilla", "--width", "100000", "a generator of 10,088,600,784 parameters")]
    [InlineData("vanilla", "--latent-size", "100000000", "a generator of 50,000,643,784 parameters")]
    [InlineData("dcgan", "--minibatch-kernels", "1000000", "a discriminator of 50,177,138,624 parameters")]
    public void NetworksThatCannotFit_AreRefusedBeforeAllocating_WithTheCountsAndTheOptions(string family, string flag, string value, string expected)
    {
        using var tmp = TestSetup.Temp();
        var (code, _, err) = Run("train", family, "--steps", "1", "--data", "embedded", "--runs", tmp.Path, "--name", "r", flag, value, "--no-conv-check");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains(expected, err);
        Assert.Contains("GB is available. Lower what sets the networks' size: --width", err);
        Assert.Single(err.Trim().Split('\n'));   // one sentence, no stack trace
        Assert.False(File.Exists(tmp.File("r/config.json")));
    }

    [Fact]
    public void ASizeThatOverflowsToANegativeDimension_IsNamedAsAnOverflow()
    {
        using var tmp = TestSetup.Temp();
        var (code, _, err) = Run("train", "dcgan", "--steps", "1", "--data", "embedded", "--runs", tmp.Path, "--width", "2000000000", "--no-conv-check");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("the options give a layer a negative size, an overflow", err);
    }

    [Fact]
    public void SampleOutput_MustBeWhatTheFormatWrites_AndAGridOfAReasonableSize()
    {
        using var tmp = TestSetup.Temp();
        Assert.Equal(ExitCode.Ok, Run("train", "vanilla", "--steps", "1", "--data", "embedded", "--runs", tmp.Path, "--name", "r", "--no-conv-check").Code);
        string run = tmp.File("r"), folder = tmp.File("out");
        Directory.CreateDirectory(folder);
        var (code, _, err) = Run("sample", run, "--out", folder);
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains($"--out {folder} is a folder; --format grid writes one file", err);
        (code, _, err) = Run("sample", run, "--count", "10000000", "--out", tmp.File("big.png"));
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("--count 10,000,000 is too many for one grid picture", err);
        File.WriteAllText(tmp.File("file"), "x");
        (code, _, err) = Run("sample", run, "--format", "png-folder", "--out", tmp.File("file"));
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains("is a file; --format png-folder writes single PNGs into a folder", err);
    }

    [Fact]
    public void ATruncatedPngAmongTheImagesToEvaluate_IsNamed_NotCounted()
    {
        using var tmp = TestSetup.Temp();
        using (var image = TorchSharp.torch.zeros(1, 1, 28, 28))
            for (int i = 0; i < 12; i++) GanSharp.Imaging.ImageGrid.Save(image, tmp.File($"{i:00}.png"), columns: 1, padding: 0);
        var broken = tmp.File("05.png");
        File.WriteAllBytes(broken, File.ReadAllBytes(broken)[..^30]);
        var (code, _, err) = Run("eval", tmp.Path, "--count", "10");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains($"{broken}: truncated", err);
    }

    [Fact]
    public void AResumeByAnotherVersion_SaysSo()
    {
        using var tmp = TestSetup.Temp();
        Assert.Equal(ExitCode.Ok, Run("train", "vanilla", "--steps", "1", "--data", "embedded", "--runs", tmp.Path, "--name", "r", "--no-conv-check").Code);
        var path = tmp.File("r/config.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        node["ganSharpVersion"] = "0.0.1";
        File.WriteAllText(path, node.ToJsonString());
        var (code, output, err) = Run("resume", tmp.File("r"), "--steps", "2");
        Assert.True(code == ExitCode.Ok, err);
        Assert.Contains("warning: the run was made by GanSharp 0.0.1 with TorchSharp", output);
    }

    [Fact]
    public void Describe_NamesTheFileOfAnIoError_AndCallsAnythingUnknownABug()
    {
        Assert.Equal("Access to the path '/x/y' is denied.", ErrorMessages.Describe(new UnauthorizedAccessException("Access to the path '/x/y' is denied.")));
        Assert.Contains("the disk is full", ErrorMessages.Describe(new IOException("No space left on device : '/runs/r/checkpoints/last.ckpt.new'")));
        Assert.StartsWith("out of memory: libtorch could not allocate 37.3 GiB at once",
            ErrorMessages.Describe(new ExternalException("[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 40000000000 bytes. Error code 12")));
        Assert.Equal("libtorch failed: shape '[2, 3]' is invalid for input of size 5",
            ErrorMessages.Describe(new ExternalException("[enforce fail at x.cpp:12] shape '[2, 3]' is invalid for input of size 5\nframe #0: ...")));
        Assert.StartsWith("internal error (NullReferenceException: boom); this is a bug in GanSharp", ErrorMessages.Describe(new NullReferenceException("boom")));
        Assert.Equal("inner", ErrorMessages.Describe(new System.Reflection.TargetInvocationException(new GanSharpException("inner"))));
    }

    [Theory]
    [InlineData("logEvery", "0", "--log-every must be positive, got 0")]
    [InlineData("checkpointEvery", "0", "--checkpoint-every must be positive, got 0")]
    [InlineData("trainer", "null", "no \"trainer\"")]
    public void AnEditedConfig_IsCheckedAsTheCommandLineIs_NamingTheFile(string key, string value, string expected)
    {
        using var tmp = TestSetup.Temp();
        var runs = tmp.Path;
        Assert.Equal(ExitCode.Ok, Run("train", "vanilla", "--steps", "1", "--data", "embedded", "--runs", runs, "--name", "r", "--no-conv-check").Code);
        var path = Path.Combine(runs, "r", "config.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        if (key == "trainer") node["trainer"] = null;
        else node["trainer"]![key] = JsonNode.Parse(value);
        File.WriteAllText(path, node.ToJsonString());
        var (code, _, err) = Run("resume", Path.Combine(runs, "r"), "--steps", "2");
        Assert.Equal(ExitCode.Error, code);
        Assert.Contains($"{path}: ", err);
        Assert.Contains(expected, err);
    }
}
