namespace GanSharp.Training;

/// <summary>
/// Messages of a run: appended to train.log and passed to the console sink (the CLI prints them
/// above its progress bar; tests collect them).
/// </summary>
public sealed class RunLog : IDisposable
{
    private readonly StreamWriter? file;
    private readonly Action<string> console;

    public RunLog(string? path, Action<string> console)
    {
        this.console = console;
        if (path is not null) file = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    public void Info(string message)
    {
        file?.WriteLine($"{DateTime.Now:yyyy-MM-dd HH:mm:ss} {message}");
        console(message);
    }

    public void Dispose() => file?.Dispose();
}
