namespace GanSharp.Cli;

/// <summary>The exit codes of `gan`, which scripts and schedulers read.</summary>
public static class ExitCode
{
    /// <summary>Done.</summary>
    public const int Ok = 0;
    /// <summary>Bad command line (unknown command or option, a value of the wrong type).</summary>
    public const int UsageError = 1;
    /// <summary>An error with a message: bad input, a bad value, a corrupt file.</summary>
    public const int Error = 2;
    /// <summary>Training diverged (a NaN or infinite loss); the last good checkpoint is kept.</summary>
    public const int Diverged = 3;
    /// <summary>Interrupted by Ctrl+C (SIGINT): training stopped at a step boundary and checkpointed it, or a lab table's run was.</summary>
    public const int Interrupted = 130;
    /// <summary>Stopped by SIGTERM (a scheduler, `kill`), with a checkpoint as for Ctrl+C.</summary>
    public const int Terminated = 143;

    /// <summary>Whether a run ended because a signal stopped it.</summary>
    public static bool IsInterrupted(int code) => code is Interrupted or Terminated;
}
