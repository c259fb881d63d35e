namespace GanSharp.Serve;

/// <summary>The kinds of run files the server hands out (pictures and text results); checkpoints, logs of events and anything else stay on disk.</summary>
public static class RunFileTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".json"] = "application/json; charset=utf-8",
        [".jsonl"] = "text/plain; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".log"] = "text/plain; charset=utf-8",
        [".csv"] = "text/csv; charset=utf-8",
    };

    public static string? ContentTypeOf(string path) => ByExtension.GetValueOrDefault(Path.GetExtension(path));
}
