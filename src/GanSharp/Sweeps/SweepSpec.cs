using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GanSharp.Sweeps;

/// <summary>
/// A sweep: one family, options every cell shares (<see cref="Fixed"/>), a grid of values
/// (every combination), a random search (draws from distributions), and seeds; each combination
/// of grid point, random draw and seed is one cell, an ordinary run. Keys are `gan train`'s flag
/// names without the dashes ("lr-g", "d-steps"); values are what the flag would take.
/// </summary>
public sealed record SweepSpec(
    string Name, string Family, IReadOnlyDictionary<string, string> Fixed,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Grid, RandomSearch? Random,
    IReadOnlyList<long> Seeds, string? Metric, int? Eval)
{
    /// <summary>Flags a sweep sets itself in every cell: a spec may not.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string> { "runs", "name", "seed" };

    /// <summary>Reads a spec file, JSON or YAML (by its extension); every error names the file and the key.</summary>
    public static SweepSpec Load(string path)
    {
        if (!File.Exists(path)) throw new GanSharpException($"{path}: no such sweep spec");
        string text = File.ReadAllText(path);
        JsonNode? root;
        try
        {
            root = Path.GetExtension(path).ToLowerInvariant() is ".yaml" or ".yml" ? YamlAsJson.Parse(text) : JsonNode.Parse(text);
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException)
        {
            throw new GanSharpException($"{path}: not valid {(path.EndsWith(".json") ? "JSON" : "YAML")} ({e.Message})");
        }
        return Parse(root as JsonObject ?? throw new GanSharpException($"{path}: a sweep spec is an object with family, fixed, grid, random, seeds"), path);
    }

    public static SweepSpec Parse(JsonObject root, string path)
    {
        var known = new HashSet<string> { "name", "family", "fixed", "grid", "random", "seeds", "metric", "eval" };
        foreach (var key in root.Select(kv => kv.Key).Where(k => !known.Contains(k)))
            throw new GanSharpException($"{path}: unknown key '{key}'; a spec has {string.Join(", ", known)}");
        string family = root["family"] is JsonValue f && f.TryGetValue(out string? name) ? name : throw new GanSharpException($"{path}: 'family' (a family of gan train, e.g. dcgan) is missing");
        var fixedOptions = Options(root["fixed"], path, "fixed").ToDictionary(kv => kv.Key, kv => Scalar(kv.Value, path, $"fixed.{kv.Key}"));
        var grid = Options(root["grid"], path, "grid").Select(kv => new KeyValuePair<string, IReadOnlyList<string>>(kv.Key,
            kv.Value is JsonArray { Count: > 0 } values ? values.Select((v, i) => Scalar(v, path, $"grid.{kv.Key}[{i}]")).ToList()
                : throw new GanSharpException($"{path}: grid.{kv.Key} must be a non-empty list of values"))).ToList();
        var random = root["random"] is JsonNode r ? RandomSearch.Parse(r, path) : null;
        var seeds = root["seeds"] is JsonNode s
            ? (s as JsonArray ?? throw new GanSharpException($"{path}: seeds must be a list of whole numbers")).Select((v, i) => v is JsonValue n && n.TryGetValue(out long seed) ? seed
                : throw new GanSharpException($"{path}: seeds[{i}] is not a whole number")).ToList()
            : new List<long> { 0 };
        if (seeds.Count == 0 || seeds.Distinct().Count() != seeds.Count) throw new GanSharpException($"{path}: seeds must be a non-empty list without repeats");
        var all = fixedOptions.Keys.Concat(grid.Select(g => g.Key)).Concat(random?.Options.Select(o => o.Key) ?? Array.Empty<string>()).ToList();
        foreach (var key in all.Where(Reserved.Contains)) throw new GanSharpException($"{path}: '{key}' is set by the sweep itself (runs and name per cell; seeds in 'seeds')");
        foreach (var key in all.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key)) throw new GanSharpException($"{path}: '{key}' is given in more than one of fixed, grid and random");
        int? eval = root["eval"] is JsonValue e ? (e.TryGetValue(out int count) && count >= 10 ? count : throw new GanSharpException($"{path}: eval is the number of samples gan eval draws after each cell (at least 10)")) : null;
        string? metric = root["metric"] is JsonValue m && m.TryGetValue(out string? mm) ? mm : null;
        if (metric is not null && !SweepMetric.Names.Contains(metric)) throw new GanSharpException($"{path}: metric is one of {string.Join(", ", SweepMetric.Names)}, not {metric}");
        string specName = root["name"] is JsonValue nv && nv.TryGetValue(out string? given) ? given : Path.GetFileNameWithoutExtension(path);
        return new SweepSpec(specName, family, fixedOptions, grid, random, seeds, metric, eval);
    }

    /// <summary>An object of options, keys without leading dashes.</summary>
    internal static IEnumerable<KeyValuePair<string, JsonNode?>> Options(JsonNode? node, string path, string what)
    {
        if (node is null) return Array.Empty<KeyValuePair<string, JsonNode?>>();
        var obj = node as JsonObject ?? throw new GanSharpException($"{path}: {what} must be an object of option: value");
        return obj.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key.TrimStart('-'), kv.Value)).ToList();
    }

    /// <summary>A value as the flag's text: numbers in invariant form, strings and booleans as written.</summary>
    internal static string Scalar(JsonNode? node, string path, string where) => node switch
    {
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonValue v when v.TryGetValue(out bool b) => b ? "true" : "false",
        JsonValue v when v.TryGetValue(out long l) => l.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue(out double d) => d.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new GanSharpException($"{path}: {where} must be a number, a string or true/false"),
    };
}
