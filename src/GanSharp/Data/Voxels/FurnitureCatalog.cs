using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace GanSharp.Data.Voxels;

/// <summary>
/// Sweet Home 3D furniture catalogues (.sh3f: a zip of OBJ models and PluginFurnitureCatalog.properties,
/// Debian's `sweethome3d-furniture`, CC0 and CC-BY): each model's name, the catalogue's room category,
/// its OBJ path inside the zip, the rotation that stands it upright, and its creator. A model's
/// class comes from its name (the categories are rooms, not kinds of object): sofa, chair, table,
/// bed, storage or lamp; other models have none and are left out of the data set.
/// </summary>
public sealed record FurnitureModel(string Catalogue, string Name, string Category, string ModelPath, IReadOnlyList<double>? Rotation, string? Creator, string? Class);

public static class FurnitureCatalog
{
    /// <summary>Where Debian's sweethome3d-furniture puts its catalogues.</summary>
    public const string DebianFolder = "/usr/share/sweethome3d/furniture";

    /// <summary>The classes, and the words of a model's name that put it in one (checked in this order: "sofa bed" is a sofa, "bedside table" a table).</summary>
    public static readonly IReadOnlyList<(string Class, string[] Words)> Classes = new[]
    {
        ("sofa", new[] { "sofa", "couch" }), ("chair", new[] { "chair", "stool" }), ("table", new[] { "table", "desk" }), ("bed", new[] { "bed" }),
        ("storage", new[] { "cabinet", "bookcase", "wardrobe", "shelf", "shelves", "dresser", "drawer", "cupboard" }), ("lamp", new[] { "lamp", "light" }),
    };

    public static string? ClassOf(string name)
    {
        var lower = name.ToLowerInvariant();
        return Classes.FirstOrDefault(c => c.Words.Any(lower.Contains)).Class;
    }

    /// <summary>Every model of every .sh3f in <paramref name="folder"/>, catalogues in name order.</summary>
    public static IReadOnlyList<FurnitureModel> Read(string folder)
    {
        if (!Directory.Exists(folder)) throw new GanSharpException($"{folder}: no furniture catalogues here; install them with apt-get install sweethome3d-furniture (or gan data install furniture)");
        var files = Directory.GetFiles(folder, "*.sh3f").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new GanSharpException($"{folder}: no .sh3f catalogues");
        return files.SelectMany(ReadCatalogue).ToList();
    }

    public static IReadOnlyList<FurnitureModel> ReadCatalogue(string sh3f)
    {
        using var zip = ZipFile.OpenRead(sh3f);
        var entry = zip.GetEntry("PluginFurnitureCatalog.properties") ?? throw new GanSharpException($"{sh3f}: no PluginFurnitureCatalog.properties; not a Sweet Home 3D furniture catalogue");
        using var reader = new StreamReader(entry.Open(), Encoding.Latin1);   // Java properties files are ISO 8859-1 with \u escapes
        var properties = Properties(reader.ReadToEnd());
        var models = new List<FurnitureModel>();
        for (int i = 1; properties.ContainsKey($"id#{i}") || properties.ContainsKey($"name#{i}"); i++)
        {
            if (!properties.TryGetValue($"model#{i}", out var model)) continue;
            string name = properties.GetValueOrDefault($"name#{i}", $"model {i}");
            var rotation = properties.TryGetValue($"modelRotation#{i}", out var r) ? Rotation(r, sh3f, i) : null;
            models.Add(new FurnitureModel(sh3f, name, properties.GetValueOrDefault($"category#{i}", ""), model.TrimStart('/'), rotation, properties.GetValueOrDefault($"creator#{i}"), ClassOf(name)));
        }
        return models;
    }

    /// <summary>The model's mesh: its OBJ read from the catalogue, turned upright when the catalogue says how.</summary>
    public static TriangleMesh Mesh(FurnitureModel model)
    {
        using var zip = ZipFile.OpenRead(model.Catalogue);
        var entry = zip.GetEntry(model.ModelPath) ?? throw new GanSharpException($"{model.Catalogue}: the model of '{model.Name}', {model.ModelPath}, is not in the catalogue");
        using var reader = new StreamReader(entry.Open());
        var mesh = TriangleMesh.ReadObj(Lines(reader), $"{model.Catalogue}:{model.ModelPath}");
        return model.Rotation is { } m ? mesh.Rotated(m) : mesh;
    }

    private static IEnumerable<string> Lines(StreamReader reader)
    {
        while (reader.ReadLine() is { } line) yield return line;
    }

    private static IReadOnlyList<double> Rotation(string text, string sh3f, int i)
    {
        var values = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : double.NaN).ToList();
        if (values.Count != 9 || values.Any(double.IsNaN)) throw new GanSharpException($"{sh3f}: modelRotation#{i} is not nine numbers: '{text}'");
        return values;
    }

    /// <summary>Java's .properties format, as much as catalogues use: key=value lines, # and ! comments, \uXXXX and \ escapes, backslash continuations.</summary>
    internal static Dictionary<string, string> Properties(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var logical = new StringBuilder();
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = logical.Length > 0 ? raw.TrimStart() : raw.Trim();
            if (logical.Length == 0 && (line.Length == 0 || line[0] is '#' or '!')) continue;
            if (EndsInContinuation(line)) { logical.Append(line, 0, line.Length - 1); continue; }
            logical.Append(line);
            var full = logical.ToString();
            logical.Clear();
            int split = full.IndexOfAny(['=', ':']);
            if (split < 0) continue;
            result[Unescape(full[..split].Trim())] = Unescape(full[(split + 1)..].TrimStart());
        }
        return result;
    }

    private static bool EndsInContinuation(string line)
    {
        int backslashes = 0;
        for (int i = line.Length - 1; i >= 0 && line[i] == '\\'; i--) backslashes++;
        return backslashes % 2 == 1;
    }

    private static string Unescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length) { result.Append(text[i]); continue; }
            char next = text[++i];
            if (next == 'u' && i + 4 < text.Length && int.TryParse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
            {
                result.Append((char)code);
                i += 4;
            }
            else result.Append(next switch { 't' => '\t', 'n' => '\n', 'r' => '\r', _ => next });
        }
        return result.ToString();
    }
}
