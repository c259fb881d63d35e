using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GanSharp.Tests.Cli;

/// <summary>
/// The `gan` program as a child process (gan.dll beside the tests, run by the same dotnet), for
/// what only a real process shows: signals, exit codes, two processes on one run.
/// </summary>
internal sealed class ChildGan : IDisposable
{
    public const int SigInt = 2, SigTerm = 15;
    private readonly Process process;
    private readonly BlockingCollection<string> lines = new();
    private readonly ConcurrentQueue<string> all = new();

    private ChildGan(Process process) => this.process = process;

    public int Id => process.Id;

    /// <summary>Everything the process printed so far, standard output and error interleaved as read.</summary>
    public string Printed => string.Join('\n', all);

    public static ChildGan Start(params string[] args)
    {
        // A test host started in the background by a shell ignores SIGINT, and children inherit that: env restores the default.
        var start = new ProcessStartInfo("/usr/bin/env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(DotnetHost());
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gan.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        var process = new Process { StartInfo = start };
        var child = new ChildGan(process);
        process.OutputDataReceived += (_, e) => child.Take(e.Data);
        process.ErrorDataReceived += (_, e) => child.Take(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a printed line matching <paramref name="match"/>; fails with what was printed if none comes in time or the process ends first.</summary>
    public string WaitForLine(Func<string, bool> match, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (lines.TryTake(out var line, 200) && match(line)) return line;
            if (process.HasExited && lines.Count == 0)
                throw new Xunit.Sdk.XunitException($"gan exited ({process.ExitCode}) before the expected line; it printed:\n{Printed}");
        }
        throw new Xunit.Sdk.XunitException($"no expected line within {seconds} s; gan printed:\n{Printed}");
    }

    public void Signal(int signal)
    {
        if (kill(process.Id, signal) != 0) throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public int WaitForExit(int seconds = 120)
    {
        if (!process.WaitForExit(seconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"gan did not exit within {seconds} s; it printed:\n{Printed}");
        }
        process.WaitForExit();   // drains the redirected output
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    private void Take(string? line)
    {
        if (line is null) return;
        all.Enqueue(line);
        lines.Add(line);
    }

    /// <summary>The dotnet that runs the tests (the SDK names it in DOTNET_HOST_PATH), else dotnet on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>The step a run's checkpoint holds, read from its verified payload.</summary>
    public static long CheckpointStep(string path)
    {
        using var reader = new BinaryReader(new MemoryStream(GanSharp.Training.Checkpoint.ReadVerified(path)));
        return System.Text.Json.JsonSerializer.Deserialize<GanSharp.Training.Checkpoint.Position>(reader.ReadString())!.Step;
    }
}
