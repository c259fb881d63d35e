using Xunit;
using static GanSharp.Tests.Cli.GanCliTests;

namespace GanSharp.Tests.Cli;

/// <summary>gan serve and gan study on the command line: warnings and errors that name what is wrong.</summary>
public sealed class ServeCliTests
{
    [Fact]
    public void Serve_OnEveryInterface_WarnsThatTheRunsAreOpenToTheNetwork()
    {
        using var tmp = TestSetup.Temp();
        using var gan = ChildGan.Start("serve", "--runs", tmp.Path, "--host", "0.0.0.0", "--port", "0");
        gan.WaitForLine(l => l.StartsWith("serving "), seconds: 60);
        Assert.Contains("warning: --host 0.0.0.0 serves every run", gan.Printed);
        gan.Signal(ChildGan.SigTerm);
        gan.WaitForExit();
    }

    [Theory]
    [InlineData("--host", "example.org", "--host example.org: not an IP address")]
    [InlineData("--port", "70000", "--port 70000")]
    public void Serve_WithABadAddress_IsAnErrorNamingTheOption(string flag, string value, string message)
    {
        using var tmp = TestSetup.Temp();
        var (code, _, err) = Run("serve", "--runs", tmp.Path, flag, value);
        Assert.NotEqual(0, code);
        Assert.Contains(message, err);
    }

    [Fact]
    public void Serve_OfAMissingFolder_NamesIt()
    {
        var (code, _, err) = Run("serve", "--runs", "/nonexistent/gansharp-runs");
        Assert.NotEqual(0, code);
        Assert.Contains("--runs /nonexistent/gansharp-runs: no such folder", err);
    }

    [Fact]
    public void Study_OfAFolderThatIsNoRun_AndResultsWithoutStudies_SayWhatIsMissing()
    {
        using var tmp = TestSetup.Temp();
        Directory.CreateDirectory(tmp.File("not-a-run"));
        var (code, _, err) = Run("study", "create", tmp.File("not-a-run"), "--name", "s", "--images", "5");
        Assert.NotEqual(0, code);
        Assert.Contains("is not a run folder directly in --runs", err);
        (code, _, err) = Run("study", "results", "s", "--runs", tmp.Path);
        Assert.NotEqual(0, code);
        Assert.Contains("studies.db: no studies yet", err);
    }
}
