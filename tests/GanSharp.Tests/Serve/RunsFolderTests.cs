using Xunit;
using GanSharp.Serve;
using GanSharp.Training;

namespace GanSharp.Tests.Serve;

public sealed class RunsFolderTests
{
    [Theory]
    [InlineData("dcgan-emoji", true)]
    [InlineData("step-000100.png", true)]
    [InlineData("..", false)]
    [InlineData(".", false)]
    [InlineData(".lock", false)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("a%2Fb", false)]
    [InlineData("c:", false)]
    [InlineData("tab\there", false)]
    public void IsPlainName_AcceptsOneVisibleNameOnly(string name, bool plain) => Assert.Equal(plain, RunsFolder.IsPlainName(name));

    [Fact]
    public void RunNames_AreTheFoldersWithAConfig_AndFileOfStaysInsideTheRun()
    {
        using var tmp = TestSetup.Temp();
        Directory.CreateDirectory(tmp.File("run-a/samples"));
        File.WriteAllText(tmp.File("run-a/config.json"), "{}");
        File.WriteAllText(tmp.File("run-a/samples/step-000001.png"), "png");
        Directory.CreateDirectory(tmp.File("not-a-run"));
        var runs = new RunsFolder(tmp.Path);
        Assert.Equal(new[] { "run-a" }, runs.RunNames());
        var run = runs.Run("run-a")!;
        Assert.Equal(tmp.File("run-a/samples/step-000001.png"), runs.FileOf(run, "samples/step-000001.png"));
        Assert.Null(runs.FileOf(run, "samples"));                  // a folder, not a file
        Assert.Null(runs.FileOf(run, "samples/../config.json"));
        Assert.Null(runs.FileOf(run, "/etc/passwd"));
        Assert.Null(runs.Run("not-a-run"));
    }

    [Fact]
    public void AMissingRunsFolder_IsAnErrorNamingIt()
    {
        var e = Assert.Throws<GanSharpException>(() => new RunsFolder("/nonexistent/runs-folder"));
        Assert.Contains("--runs /nonexistent/runs-folder", e.Message);
    }
}
