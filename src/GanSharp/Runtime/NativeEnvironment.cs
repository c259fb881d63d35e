using System.Runtime.InteropServices;

namespace GanSharp.Runtime;

/// <summary>
/// The C environment that native code (libtorch, OpenMP, oneDNN) reads. .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach it on Linux,
/// so settings that must be seen by libtorch go through libc's setenv, before the first torch call.
/// </summary>
public static partial class NativeEnvironment
{
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnv(string name);

    /// <summary>The value native code sees, or null when unset.</summary>
    public static string? Get(string name)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return Environment.GetEnvironmentVariable(name);
        var p = GetEnv(name);
        return p == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(p);
    }

    /// <summary>Sets a variable for native code and for .NET alike.</summary>
    public static void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        if (SetEnv(name, value, 1) != 0)
            throw new GanSharpException($"setenv({name}) failed");
    }

    /// <summary>Sets a variable unless the user already set it; returns the value in force.</summary>
    public static string SetDefault(string name, string value)
    {
        var current = Get(name);
        if (!string.IsNullOrEmpty(current)) return current;
        Set(name, value);
        return value;
    }
}
