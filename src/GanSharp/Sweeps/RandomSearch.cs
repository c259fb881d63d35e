using System.Globalization;
using System.Text.Json.Nodes;

namespace GanSharp.Sweeps;

/// <summary>
/// A random search (Bergstra and Bengio 2012): <see cref="Count"/> draws, each option from its own
/// distribution — uniform [a, b], log-uniform [a, b] (learning rates: every decade alike), a whole
/// number in [a, b], or a choice among values — from one stream seeded by <see cref="Seed"/>, so a
/// spec always expands to the same cells.
/// </summary>
public sealed record RandomSearch(int Count, int Seed, IReadOnlyList<KeyValuePair<string, RandomSearch.Distribution>> Options)
{
    public sealed record Distribution(string Kind, double Low, double High, IReadOnlyList<string>? Choices)
    {
        public static readonly IReadOnlyList<string> Kinds = new[] { "uniform", "log-uniform", "int", "choice" };

        public string Draw(Random random) => Kind switch
        {
            "uniform" => (Low + (High - Low) * random.NextDouble()).ToString("G4", CultureInfo.InvariantCulture),
            "log-uniform" => Math.Exp(Math.Log(Low) + (Math.Log(High) - Math.Log(Low)) * random.NextDouble()).ToString("G3", CultureInfo.InvariantCulture),
            "int" => random.NextInt64((long)Low, (long)High + 1).ToString(CultureInfo.InvariantCulture),
            _ => Choices![random.Next(Choices.Count)],
        };
    }

    /// <summary>One draw: a value for every option, in the spec's order.</summary>
    public IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Draws()
    {
        var random = new Random(Seed);
        return Enumerable.Range(0, Count).Select(_ => (IReadOnlyList<KeyValuePair<string, string>>)Options
            .Select(o => new KeyValuePair<string, string>(o.Key, o.Value.Draw(random))).ToList()).ToList();
    }

    public static RandomSearch Parse(JsonNode node, string path)
    {
        var obj = node as JsonObject ?? throw new GanSharpException($"{path}: random must be an object with count, seed and options");
        int count = obj["count"] is JsonValue c && c.TryGetValue(out int n) && n >= 1 ? n : throw new GanSharpException($"{path}: random.count must be a whole number ≥ 1");
        int seed = obj["seed"] is JsonValue s ? (s.TryGetValue(out int v) ? v : throw new GanSharpException($"{path}: random.seed must be a whole number")) : 0;
        foreach (var key in obj.Select(kv => kv.Key).Where(k => k is not ("count" or "seed" or "options")))
            throw new GanSharpException($"{path}: unknown key random.{key}; random has count, seed, options");
        var options = SweepSpec.Options(obj["options"], path, "random.options").Select(kv => new KeyValuePair<string, Distribution>(kv.Key, ParseDistribution(kv.Value, path, $"random.options.{kv.Key}"))).ToList();
        if (options.Count == 0) throw new GanSharpException($"{path}: random.options names no option to draw");
        return new RandomSearch(count, seed, options);
    }

    private static Distribution ParseDistribution(JsonNode? node, string path, string where)
    {
        if (node is not JsonObject { Count: 1 } obj || !Distribution.Kinds.Contains(obj.First().Key))
            throw new GanSharpException($"{path}: {where} is one of {{\"uniform\": [a, b]}}, {{\"log-uniform\": [a, b]}}, {{\"int\": [a, b]}}, {{\"choice\": [values]}}");
        var (kind, value) = (obj.First().Key, obj.First().Value as JsonArray ?? throw new GanSharpException($"{path}: {where}.{obj.First().Key} must be a list"));
        if (kind == "choice")
            return value.Count > 0 ? new Distribution(kind, 0, 0, value.Select((v, i) => SweepSpec.Scalar(v, path, $"{where}.choice[{i}]")).ToList())
                : throw new GanSharpException($"{path}: {where}.choice is empty");
        if (value.Count != 2 || value[0] is not JsonValue a || !a.TryGetValue(out double low) || value[1] is not JsonValue b || !b.TryGetValue(out double high) || !(low <= high))
            throw new GanSharpException($"{path}: {where}.{kind} must be [low, high] with low ≤ high");
        if (kind == "log-uniform" && !(low > 0)) throw new GanSharpException($"{path}: {where}.log-uniform needs low > 0");
        if (kind == "int" && (low != Math.Floor(low) || high != Math.Floor(high))) throw new GanSharpException($"{path}: {where}.int needs whole numbers");
        return new Distribution(kind, low, high, null);
    }
}
