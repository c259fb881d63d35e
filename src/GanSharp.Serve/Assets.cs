using System.Reflection;

namespace GanSharp.Serve;

/// <summary>The front end's files (wwwroot/, embedded in this assembly): a fixed set, looked up by name, never by path.</summary>
public static class Assets
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    private static readonly Dictionary<string, byte[]> Files = Load();

    /// <summary>The asset's bytes and content type, or null for a name that is not one.</summary>
    public static (byte[] Bytes, string ContentType)? Find(string name) =>
        Files.TryGetValue(name, out var bytes) ? (bytes, ContentTypes[Path.GetExtension(name)]) : null;

    private static Dictionary<string, byte[]> Load()
    {
        var assembly = typeof(Assets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith("wwwroot/", StringComparison.Ordinal)))
        {
            var name = resource["wwwroot/".Length..];
            if (!ContentTypes.ContainsKey(Path.GetExtension(name))) continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = copy.ToArray();
        }
        return files;
    }
}
