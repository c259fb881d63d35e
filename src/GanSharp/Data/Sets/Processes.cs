using System.Diagnostics;

namespace GanSharp.Data.Sets;

/// <summary>Running the system's package clients, their output passed on line by line.</summary>
internal static class Processes
{
    public static int Run(string program, IEnumerable<string> arguments, Action<string> say)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GanSharpException($"{program} could not be started");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GanSharpException($"{program} could not be started ({e.Message}); is it installed?");
        }
        using (process)
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) say("  " + line); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) say("  " + line); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            return process.ExitCode;
        }
    }

    /// <summary>Whether this process runs as root (uid 0), which apt-get needs.</summary>
    public static bool IsRoot() => Environment.UserName == "root" || geteuid() == 0;

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();
}
