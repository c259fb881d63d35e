using GanSharp.Training;

namespace GanSharp.Serve;

/// <summary>
/// The one folder the server reads: run folders directly under it, and files inside those. Every
/// name and path a request carries is checked here before it touches the disk: one plain name per
/// segment (no "..", ".", empty, hidden, backslash, colon or control characters), no symbolic link
/// on the way (a link could point anywhere), and the full path must still lie under the root.
/// Anything else is "not found", so a probe learns nothing about what exists outside.
/// </summary>
public sealed class RunsFolder
{
    /// <summary>The root with symbolic links resolved, so a runs folder that is itself a link works.</summary>
    public string Root { get; }

    public RunsFolder(string root)
    {
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full)) throw new GanSharpException($"--runs {root}: no such folder");
        Root = new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
    }

    /// <summary>The run folders directly under the root (each with a config.json), by name.</summary>
    public IEnumerable<string> RunNames() =>
        Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>()
            .Where(name => Run(name) is not null).Order(StringComparer.Ordinal);

    /// <summary>The run folder <paramref name="name"/>, or null when the name is not one of the root's runs.</summary>
    public RunDirectory? Run(string? name)
    {
        if (!IsPlainName(name)) return null;
        var path = Path.Combine(Root, name!);
        var info = new DirectoryInfo(path);
        if (!info.Exists || info.LinkTarget is not null || !File.Exists(Path.Combine(path, "config.json"))) return null;
        return new RunDirectory(path);
    }

    /// <summary>The file at <paramref name="relative"/> ("samples/step-000100.png") inside the run, or null when it is not a plain file reachable without links.</summary>
    public string? FileOf(RunDirectory run, string? relative)
    {
        if (string.IsNullOrEmpty(relative)) return null;
        var segments = relative.Split('/');
        if (segments.Length > 4 || !segments.All(IsPlainName)) return null;
        var path = run.Root;
        foreach (var segment in segments)
        {
            path = Path.Combine(path, segment);
            var entry = new FileInfo(path);
            if (entry.LinkTarget is not null) return null;
        }
        var full = Path.GetFullPath(path);
        return full.StartsWith(run.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }

    /// <summary>A single file or folder name: nothing that climbs, hides, nests or escapes.</summary>
    public static bool IsPlainName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 255 && name[0] != '.' &&
        !name.Any(c => c is '/' or '\\' or ':' or '%' || char.IsControl(c));
}
