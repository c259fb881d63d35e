using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GanSharp.Recipes;
using GanSharp.Training;

namespace GanSharp.Lab;

/// <summary>
/// Whether a finished toy run was trained with a table row's flags. The table reuses runs by
/// folder name, so a row redefined under the same name must not quietly pick up stale runs.
/// </summary>
public static class CoverageRunCheck
{
    /// <summary>
    /// Null when the run's config.json holds the toy family's defaults with the row's flags and
    /// <paramref name="steps"/> steps; else the first difference, in words.
    /// </summary>
    public static string? Mismatch(string folder, CoverageSetting setting, long steps)
    {
        var config = RunConfig.Load(Path.Combine(folder, "config.json"));
        if (config.TotalSteps != steps) return $"it trained {config.TotalSteps:N0} steps, the row asks for {steps:N0}";
        var expected = RunConfig.OptionsJson(Families.Named("toy").Defaults);
        var args = setting.Arguments;
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            string flag = args[i];
            string? value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            string? key = Property(expected, flag);
            if (key is not null) expected[key] = Value(value ?? "true");
        }
        var actual = RunConfig.OptionsJson(config.Options);
        foreach (var (key, want) in expected)
        {
            if (key is "dimension" or "channels") continue;                                 // set by the data, not by flags
            var have = actual[key];
            if (!Same(have, want)) return $"its {key} is {Text(have)}, the row gives {Text(want)}";
        }
        return null;
    }

    /// <summary>The options property a flag sets ("--lr-g" → "lrG"), or null for flags of the trainer (--steps, --threads).</summary>
    private static string? Property(JsonObject options, string flag)
    {
        string camel = string.Concat(flag[2..].Split('-').Select((part, i) => i == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
        if (camel == "gLoss") camel = "loss";                                                  // --g-loss is an alias of --loss
        return options.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, camel, StringComparison.OrdinalIgnoreCase));
    }

    private static JsonNode Value(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? JsonValue.Create(d)
        : bool.TryParse(text, out bool b) ? JsonValue.Create(b)
        : JsonValue.Create(text);

    private static bool Same(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number)
            return Math.Abs(a.GetValue<double>() - b.GetValue<double>()) <= 1e-12 * Math.Max(1, Math.Abs(b.GetValue<double>()));
        return a.ToJsonString() == b.ToJsonString();
    }

    private static string Text(JsonNode? n) => n?.ToJsonString() ?? "null";
}
