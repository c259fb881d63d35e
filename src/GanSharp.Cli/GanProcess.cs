using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GanSharp.Cli;

/// <summary>`gan` itself as a child process (gan.dll run by the dotnet host), for work that needs a process of its own: a sweep's cells train in parallel, each with its own libtorch.</summary>
internal static class GanProcess
{
    /// <summary>The program and the arguments before gan's own: the dotnet host and gan.dll beside this assembly.</summary>
    public static (string Program, IReadOnlyList<string> Prefix) Command()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "gan.dll");
        if (!File.Exists(dll)) throw new GanSharpException($"{dll} is missing: a sweep starts gan.dll as child processes");
        string host = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        return (host, new[] { dll });
    }

    /// <summary>Starts `gan ARGS`, its output and errors appended to <paramref name="log"/>.</summary>
    public static Process Start(IReadOnlyList<string> args, string log)
    {
        var (program, prefix) = Command();
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in prefix.Concat(args)) start.ArgumentList.Add(a);
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var writer = new StreamWriter(log, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.Exited += (_, _) => { process.WaitForExit(); lock (writer) writer.Dispose(); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Sends SIGTERM: the child checkpoints and stops, as `gan train` does on it.</summary>
    public static void Terminate(Process process)
    {
        if (!process.HasExited) _ = kill(process.Id, 15);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
