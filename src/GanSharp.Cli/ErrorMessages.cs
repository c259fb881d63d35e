using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace GanSharp.Cli;

/// <summary>
/// The one place where an exception that reached the top of a command becomes a sentence for the
/// user: GanSharp's own errors as they are, file-system errors with the path .NET names, libtorch's
/// allocation failures as an amount and the options that set it; anything else is a bug, said so.
/// </summary>
public static partial class ErrorMessages
{
    /// <summary>Set to 1 to print the stack trace under the message (for reporting a bug).</summary>
    public const string TraceVariable = "GANSHARP_TRACE";

    public static string Describe(Exception e)
    {
        e = Innermost(e);
        return e switch
        {
            GanSharpException g => g.Message,
            ExternalException x when AllocationBytes(x.Message) is long bytes =>
                $"out of memory: libtorch could not allocate {Size(bytes)} at once. What sets the size of networks and batches: " +
                "--batch-size, --width, --max-channels, --resolution, --latent-size, --classes (gan sample: --count); lower the one you raised",
            ExternalException x => $"libtorch failed: {FirstLine(x.Message)}",
            OutOfMemoryException => "out of memory: .NET could not allocate a buffer; lower --batch-size, --count or the image sizes",
            UnauthorizedAccessException or IOException => e.Message.Contains("No space left on device", StringComparison.Ordinal)
                ? $"{e.Message}: the disk is full; free space and run the command again (checkpoints are written to a new file first, so the last good one is intact)"
                : e.Message,
            _ => $"internal error ({e.GetType().Name}: {FirstLine(e.Message)}); this is a bug in GanSharp: run again with {TraceVariable}=1 to see where, and report it with the command line",
        };
    }

    /// <summary>Whether the user asked for stack traces under the messages.</summary>
    public static bool ShowTrace => Environment.GetEnvironmentVariable(TraceVariable) == "1";

    private static Exception Innermost(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => Innermost(inner),
        AggregateException { InnerExceptions.Count: 1 } a => Innermost(a.InnerExceptions[0]),
        _ => e,
    };

    /// <summary>libtorch's "DefaultCPUAllocator: can't allocate memory: you tried to allocate N bytes".</summary>
    private static long? AllocationBytes(string message) =>
        AllocationPattern().Match(message) is { Success: true } m && long.TryParse(m.Groups[1].Value, out long n) ? n : null;

    private static string Size(long bytes) => bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):N1} GiB" : $"{bytes / (double)(1L << 20):N0} MiB";

    /// <summary>The message without libtorch's "[enforce fail at file:line]" prefix and its C++ frames.</summary>
    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return EnforcePrefix().Replace(line, "");
    }

    [GeneratedRegex(@"you tried to allocate (\d+) bytes")]
    private static partial Regex AllocationPattern();

    [GeneratedRegex(@"^\[enforce fail at [^\]]*\]\s*(err == 0\.\s*)?")]
    private static partial Regex EnforcePrefix();
}
