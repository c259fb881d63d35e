using System.Globalization;
using GanSharp.Networks;

namespace GanSharp.Recipes.Modern;

/// <summary>
/// Per-side values of progressive growing written as side:value pairs ("4:128,8:64"): the stages a
/// flag overrides, each named by its side in pixels. "none" (or nothing) overrides none.
/// </summary>
public static class SideValues
{
    /// <summary>The pairs by stage index; a side that is not a stage of <paramref name="shape"/>, a repeated side or a value below 1 is refused, naming <paramref name="flag"/>.</summary>
    public static IReadOnlyDictionary<int, long> Parse(string text, string flag, ProGanShape shape)
    {
        var byStage = new Dictionary<int, long>();
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "none") return byStage;
        var sides = Enumerable.Range(0, shape.Last + 1).Select(shape.Side).ToArray();
        foreach (var pair in text.Split(','))
        {
            var parts = pair.Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int side)
                || !long.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long value))
                throw new GanSharpException($"{flag} takes side:value pairs joined by commas, such as 4:128,8:64; '{pair.Trim()}' is not one");
            int stage = Array.IndexOf(sides, side);
            if (stage < 0) throw new GanSharpException($"{flag}: {side} is not a side this run grows through ({string.Join(", ", sides)})");
            if (value < 1) throw new GanSharpException($"{flag}: the value at side {side} must be at least 1, got {value}");
            if (!byStage.TryAdd(stage, value)) throw new GanSharpException($"{flag} names side {side} twice");
        }
        return byStage;
    }
}
