using GanSharp.Cli;
using GanSharp.Training;
using Xunit;

namespace GanSharp.Tests.Training;

/// <summary>Run folders written by an earlier GanSharp (checkpoint format 2, the "gan" config) still resume.</summary>
public sealed class OlderRunsTests
{
    private static string CopyOf(TempFolder tmp, string run)
    {
        var from = Path.Combine(AppContext.BaseDirectory, "Fixtures", "format-2", run);
        var to = tmp.File(run);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return to;
    }

    [Theory]
    [InlineData("projection", "projection")]
    [InlineData("toy", "toy")]
    public void FormatTwoRun_Resumes_AndIsRewrittenInTodaysFormat(string run, string family)
    {
        using var tmp = TestSetup.Temp();
        var folder = CopyOf(tmp, run);
        var error = new StringWriter();
        Assert.True(0 == GanCli.Run(new[] { "resume", folder, "--steps", "3" }, new StringWriter(), error), error.ToString());
        var config = RunConfig.Load(Path.Combine(folder, "config.json"));
        Assert.Equal(family, config.Family);
        Assert.Contains("\"options\"", File.ReadAllText(Path.Combine(folder, "config.json")));
        Assert.Equal(3, Checkpoint.Load(Path.Combine(folder, "checkpoints", "last.ckpt"), new RunSampler(folder).Recipe).Step);
    }
}
