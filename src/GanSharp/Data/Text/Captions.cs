using System.Text;

namespace GanSharp.Data.Text;

/// <summary>
/// The descriptions of an image folder's images: a UTF-8 file <see cref="FileName"/> in the
/// folder, one line per image, `relative/path.png` TAB `description` (paths with '/', as below the
/// folder; blank lines and lines starting with '#' are skipped). `gan data install` writes one for
/// the emoji sets from their names; any folder can have one written by hand.
/// </summary>
public static class Captions
{
    public const string FileName = "captions.tsv";

    /// <summary>The captions file of a folder, or null when it has none.</summary>
    public static string? FileOf(string folder)
    {
        string path = Path.Combine(folder, FileName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Path below the folder ('/'-separated) → description, or an error naming the file and line.</summary>
    public static IReadOnlyDictionary<string, string> Read(string file)
    {
        var captions = new Dictionary<string, string>(StringComparer.Ordinal);
        int number = 0;
        foreach (var line in File.ReadLines(file, Encoding.UTF8))
        {
            number++;
            if (line.Length == 0 || line[0] == '#') continue;
            int tab = line.IndexOf('\t');
            if (tab <= 0) throw new GanSharpException($"{file} line {number}: expected 'path<TAB>description', got '{Shorten(line)}'");
            string path = line[..tab].Trim(), text = line[(tab + 1)..].Trim();
            if (text.Length == 0) throw new GanSharpException($"{file} line {number}: {path} has an empty description");
            if (!captions.TryAdd(path, text)) throw new GanSharpException($"{file} line {number}: {path} is described twice");
        }
        if (captions.Count == 0) throw new GanSharpException($"{file}: no captions in it");
        return captions;
    }

    /// <summary>The description of every file (absolute paths below <paramref name="folder"/>), in their order; an error names the first without one.</summary>
    public static string[] For(string folder, IReadOnlyList<string> files)
    {
        string file = FileOf(folder) ?? throw new GanSharpException($"{folder}: no {FileName} (one 'path<TAB>description' line per image) to read descriptions from; " +
            "gan data install writes one for the emoji sets (a set installed without one: delete its folder and install it again)");
        var captions = Read(file);
        var result = new string[files.Count];
        var missing = new List<string>();
        for (int i = 0; i < files.Count; i++)
        {
            string key = Key(folder, files[i]);
            if (captions.TryGetValue(key, out var text)) result[i] = text;
            else missing.Add(key);
        }
        if (missing.Count > 0)
            throw new GanSharpException($"{file}: {missing.Count:N0} of {files.Count:N0} images have no description, the first {missing[0]}");
        return result;
    }

    /// <summary>Writes a captions file atomically, in ordinal order of the paths.</summary>
    public static void Write(string file, IEnumerable<KeyValuePair<string, string>> captions) =>
        AtomicFile.WriteAllText(file, string.Concat(captions.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}\t{c.Value}\n")));

    /// <summary>A file's key: its path below the folder with '/' separators.</summary>
    public static string Key(string folder, string file) => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";
}
