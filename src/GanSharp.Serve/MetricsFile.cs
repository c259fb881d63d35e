using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GanSharp.Serve;

/// <summary>
/// metrics.jsonl read while a trainer appends to it: only complete lines (ending in a newline) are
/// taken, and the byte offset after the last one is returned, so a live view reads each new record
/// once. A line that is not a JSON object is skipped and counted, never fatal: a viewer must not
/// fail on a run that a hand edit or a full disk damaged.
/// </summary>
public static class MetricsFile
{
    /// <summary>Records read, the offset to read on from, damaged lines skipped, and whether the file had shrunk below the offset asked for (then read from its start).</summary>
    public sealed record Chunk(IReadOnlyList<JsonObject> Records, long Offset, int BadLines, bool Restarted = false);

    /// <summary>The complete lines from byte <paramref name="offset"/> on; a file that shrank (a resume drops lines past its checkpoint) is read again from the start.</summary>
    public static Chunk ReadFrom(string path, long offset)
    {
        if (!File.Exists(path)) return new Chunk(Array.Empty<JsonObject>(), 0, 0, offset > 0);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        bool restarted = offset > file.Length || offset < 0;
        if (restarted) offset = 0;
        file.Seek(offset, SeekOrigin.Begin);
        var bytes = new byte[file.Length - offset];
        file.ReadExactly(bytes);
        int end = Array.LastIndexOf(bytes, (byte)'\n');
        if (end < 0) return new Chunk(Array.Empty<JsonObject>(), offset, 0, restarted);
        var records = new List<JsonObject>();
        int bad = 0;
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, end).Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                if (JsonNode.Parse(line) is JsonObject record) records.Add(record);
                else bad++;
            }
            catch (JsonException) { bad++; }
        }
        return new Chunk(records, offset + end + 1, bad, restarted);
    }

    /// <summary>What the runs list shows of a run's metrics: the last step, the last FID, the last images/s, and damage if any.</summary>
    public sealed record Latest(long Step, double? Fid, double? ImagesPerSecond, string? Problem);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Length, DateTime Written, Latest Values)> latest = new();

    /// <summary>
    /// <see cref="Latest"/> of the file, read again only when its length or time of last write changed:
    /// the runs list asks for every run every few seconds, and a long run's file is megabytes.
    /// </summary>
    public static Latest LatestOf(string path)
    {
        var info = new FileInfo(path);
        var key = info.Exists ? (info.Length, info.LastWriteTimeUtc) : (0L, DateTime.MinValue);
        if (latest.TryGetValue(path, out var cached) && (cached.Length, cached.Written) == key) return cached.Values;
        var (records, problem) = TryReadAll(path);
        static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue(out double d) ? d : null;
        var last = records.LastOrDefault();
        var values = new Latest(Number(last?["step"]) is double step ? (long)step : 0, Number(records.LastOrDefault(r => r["fid"] is not null)?["fid"]),
            Number(last?["images_per_s"]), problem);
        latest[path] = (key.Item1, key.Item2, values);
        return values;
    }

    /// <summary>Every complete record, and a sentence about damaged lines if there were any.</summary>
    public static (IReadOnlyList<JsonObject> Records, string? Problem) TryReadAll(string path)
    {
        var chunk = ReadFrom(path, 0);
        return (chunk.Records, chunk.BadLines == 0 ? null : $"{path}: {chunk.BadLines} line(s) are not JSON objects and were skipped");
    }
}
