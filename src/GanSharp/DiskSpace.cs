namespace GanSharp;

/// <summary>Free space checked before a large write, so a full disk is a message before the write, not a half-written file.</summary>
public static class DiskSpace
{
    /// <summary>Kept free beyond the write itself: logs, plots and the file system's own need.</summary>
    public const long Reserve = 16L << 20;

    /// <summary>Bytes this process may still write on the file system that holds <paramref name="folder"/> (statvfs).</summary>
    public static long FreeBytes(string folder) => new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace;

    /// <summary>Refuses, naming the folder and the amounts, when <paramref name="bytes"/> plus the reserve do not fit.</summary>
    public static void Require(string folder, long bytes, string what)
    {
        long free = FreeBytes(folder);
        if (free < bytes + Reserve)
            throw new GanSharpException($"{folder}: {Megabytes(free)} free, but {what} needs {Megabytes(bytes)} and {Megabytes(Reserve)} to spare; free some space and run again");
    }

    private static string Megabytes(long bytes) => $"{bytes / 1e6:N1} MB";
}
