using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GanSharp.Training;

/// <summary>What a run folder says about its run: training now, or how its last session ended.</summary>
public enum RunStatus
{
    /// <summary>A live process holds the run's lock.</summary>
    Running,
    /// <summary>The last session trained every planned step.</summary>
    Finished,
    /// <summary>The last session stopped on a NaN or infinity (the NaN stop).</summary>
    Diverged,
    /// <summary>Stopped by a signal, killed, or crashed; `gan resume` continues it.</summary>
    Interrupted,
    /// <summary>No session has logged anything yet.</summary>
    New,
}

/// <summary>
/// Reads a run's status from its folder without touching its lock: the lock owner's process is
/// alive (running), else the last line of train.log says how the last session ended; a session
/// killed before it could say so is interrupted. Taking the lock, even briefly, could make a
/// `gan resume` started at that moment fail, so a viewer polling many runs must not.
/// </summary>
public static partial class RunActivity
{
    /// <summary>How train.log's last message of a session begins, for each way a session ends (TrainingSession writes them).</summary>
    public const string DoneMessage = "done: ", StoppedMessage = "stopped at step ", DivergedMessage = "diverged at step ";

    public static RunStatus Of(RunDirectory dir)
    {
        if (OwnerIsAlive(dir)) return RunStatus.Running;
        var last = LastLogMessage(dir.Log);
        if (last is null) return RunStatus.New;
        if (last.StartsWith(DoneMessage, StringComparison.Ordinal)) return RunStatus.Finished;
        if (last.StartsWith(DivergedMessage, StringComparison.Ordinal)) return RunStatus.Diverged;
        return RunStatus.Interrupted;
    }

    /// <summary>The lock owner file names a process that still runs (RunLock writes "gan (process PID, since …)" and deletes it on a clean end).</summary>
    private static bool OwnerIsAlive(RunDirectory dir)
    {
        string text;
        try { text = File.ReadAllText(dir.LockOwner); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        var match = OwnerPid().Match(text);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, out int pid)) return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return false; }
    }

    /// <summary>The last line of train.log without its "yyyy-MM-dd HH:mm:ss " stamp, or null for a missing or empty log.</summary>
    public static string? LastLogMessage(string log)
    {
        if (!File.Exists(log)) return null;
        using var file = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long start = Math.Max(0, file.Length - 8192);
        file.Seek(start, SeekOrigin.Begin);
        var tail = new StreamReader(file).ReadToEnd();
        var line = tail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (line is null) return null;
        return line.Length > 20 && line[4] == '-' && line[19] == ' ' ? line[20..] : line;
    }

    [GeneratedRegex(@"process (\d+)")]
    private static partial Regex OwnerPid();
}
