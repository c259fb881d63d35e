namespace GanSharp.Training;

/// <summary>
/// One process trains a run at a time: an exclusive lock (flock, through .NET's FileShare.None)
/// on RUN/.lock for as long as a session is open, and RUN/.lock-owner saying who holds it. The
/// kernel drops the lock when its process dies, so a killed run's lock is taken over at once.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream handle;
    private readonly string ownerFile;

    private RunLock(FileStream handle, string ownerFile) => (this.handle, this.ownerFile) = (handle, ownerFile);

    /// <summary>Locks <paramref name="dir"/> or says which process has it.</summary>
    public static RunLock Take(RunDirectory dir)
    {
        FileStream handle;
        try
        {
            handle = new FileStream(dir.Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            string owner = File.Exists(dir.LockOwner) ? File.ReadAllText(dir.LockOwner).Trim() : "another process";
            throw new GanSharpException($"{dir.Root} is in use by {owner}; one process trains a run at a time: wait for it to end, or stop it (kill PID saves a checkpoint) and resume then");
        }
        AtomicFile.WriteAllText(dir.LockOwner, $"gan (process {Environment.ProcessId}, since {DateTime.Now:yyyy-MM-dd HH:mm:ss})");
        return new RunLock(handle, dir.LockOwner);
    }

    /// <summary>EWOULDBLOCK from flock: the file is locked by another open handle (another process, or another session of this one).</summary>
    private static bool IsHeldElsewhere(IOException e) => e.HResult == 11 || e is not (FileNotFoundException or DirectoryNotFoundException) && e.Message.Contains("used by another process", StringComparison.Ordinal);

    public void Dispose()
    {
        try { File.Delete(ownerFile); } catch (IOException) { }   // the lock file itself stays: deleting it would race with the next taker
        handle.Dispose();
    }
}
