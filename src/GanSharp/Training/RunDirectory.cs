namespace GanSharp.Training;

/// <summary>The files of one run (layout in DESIGN.md); creating it makes the folders.</summary>
public sealed record RunDirectory(string Root)
{
    public string Config => Path.Combine(Root, "config.json");
    public string Metrics => Path.Combine(Root, "metrics.jsonl");
    public string Samples => Path.Combine(Root, "samples");
    public string LossPlot => Path.Combine(Root, "losses.png");
    /// <summary>The sample pictures of the run as one looping animation (toy runs).</summary>
    public string Animation => Path.Combine(Root, "training.gif");
    public string Checkpoints => Path.Combine(Root, "checkpoints");
    public string LastCheckpoint => Path.Combine(Checkpoints, "last.ckpt");
    public string PreviousCheckpoint => Path.Combine(Checkpoints, "previous.ckpt");
    public string BestCheckpoint => Path.Combine(Checkpoints, "best.ckpt");
    public string Log => Path.Combine(Root, "train.log");
    /// <summary>Locked while a process trains the run (<see cref="RunLock"/>); <see cref="LockOwner"/> says which.</summary>
    public string Lock => Path.Combine(Root, ".lock");
    public string LockOwner => Path.Combine(Root, ".lock-owner");
    public string SampleGrid(long step) => Path.Combine(Samples, $"step-{step:D6}.png");

    public RunDirectory Create()
    {
        Directory.CreateDirectory(Samples);
        Directory.CreateDirectory(Checkpoints);
        return this;
    }

    /// <summary>
    /// Deletes the temporary files of writes a kill interrupted (AtomicFile's ".NAME.PID.tmp", a
    /// kept checkpoint's ".partial"); only while holding the run's lock, when no write is under way.
    /// </summary>
    public (int Count, long Bytes) RemoveLeftovers()
    {
        var left = Leftovers();
        long bytes = left.Sum(f => f.Length);
        foreach (var f in left) f.Delete();
        return (left.Count, bytes);
    }

    /// <summary>The temporary files that interrupted writes left in the run folder and its checkpoints.</summary>
    public IReadOnlyList<FileInfo> Leftovers() =>
        new[] { Root, Checkpoints }.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, ".*.tmp").Concat(Directory.EnumerateFiles(d, "*.partial")))
            .Select(f => new FileInfo(f)).ToList();

    /// <summary>The run folder <paramref name="name"/> (--name) under <paramref name="parent"/> (--runs): one folder name, never a path that leaves --runs.</summary>
    public static RunDirectory Named(string parent, string name)
    {
        CheckParent(parent);
        if (string.IsNullOrWhiteSpace(name)) throw new GanSharpException("--name is empty; give a folder name such as dcgan-emoji");
        if (name is "." or ".." || name.IndexOfAny(['/', '\\']) >= 0 || name.Any(char.IsControl))
            throw new GanSharpException($"--name '{Printable(name)}' must be one folder name under --runs: no '/', '\\', control characters, and not '.' or '..'");
        if (System.Text.Encoding.UTF8.GetByteCount(name) > 255) throw new GanSharpException($"--name is {System.Text.Encoding.UTF8.GetByteCount(name)} bytes long; a folder name has at most 255");
        return new RunDirectory(Path.Combine(parent, name));
    }

    /// <summary>A new folder under <paramref name="parent"/> named family-yyyyMMdd-HHmmss (with a suffix if taken).</summary>
    public static RunDirectory NewUnder(string parent, string family)
    {
        CheckParent(parent);
        var stem = Path.Combine(parent, $"{family}-{DateTime.Now:yyyyMMdd-HHmmss}");
        var path = stem;
        for (int i = 2; Directory.Exists(path); i++) path = $"{stem}-{i}";
        return new RunDirectory(path).Create();
    }

    /// <summary>--runs must be a folder (made if missing), and no part of its path a file.</summary>
    private static void CheckParent(string parent)
    {
        if (string.IsNullOrWhiteSpace(parent)) throw new GanSharpException("--runs is empty; give a folder such as runs");
        for (var p = Path.GetFullPath(parent); p is not null; p = Path.GetDirectoryName(p))
            if (File.Exists(p)) throw new GanSharpException($"--runs {parent}: {p} is a file; --runs must be a folder (made if missing)");
    }

    private static string Printable(string text) => string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
