using System.Globalization;

namespace GanSharp.Sweeps;

/// <summary>
/// One cell of a sweep: its number and folder name (cell-000 …, stable for a given spec), the
/// options that vary across the sweep, its seed, and the `gan train` arguments that make it.
/// </summary>
public sealed record SweepCell(int Index, IReadOnlyList<KeyValuePair<string, string>> Varied, long Seed, IReadOnlyList<string> TrainArguments)
{
    public string Id => $"cell-{Index:D3}";

    /// <summary>"lr-g=0.0002 d-steps=2 seed=1": what sets the cell apart, for tables and logs.</summary>
    public string Label => string.Join(' ', Varied.Select(kv => $"{kv.Key}={kv.Value}").Append($"seed={Seed}"));
}

public static class SweepCells
{
    /// <summary>
    /// Grid points (every combination, the first option slowest) × random draws × seeds, in that
    /// order; each cell's arguments are the family, the fixed options, its own, and --seed.
    /// </summary>
    public static IReadOnlyList<SweepCell> Expand(SweepSpec spec)
    {
        IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> points = new[] { Array.Empty<KeyValuePair<string, string>>() };
        foreach (var (flag, values) in spec.Grid)
            points = points.SelectMany(p => values.Select(v => (IReadOnlyList<KeyValuePair<string, string>>)p.Append(new(flag, v)).ToList())).ToList();
        if (spec.Random is { } random)
            points = points.SelectMany(p => random.Draws().Select(d => (IReadOnlyList<KeyValuePair<string, string>>)p.Concat(d).ToList())).ToList();
        var cells = new List<SweepCell>();
        foreach (var point in points)
            foreach (var seed in spec.Seeds)
            {
                var args = new List<string> { spec.Family };
                foreach (var (flag, value) in spec.Fixed.Concat(point)) args.AddRange(new[] { "--" + flag, value });
                args.AddRange(new[] { "--seed", seed.ToString(CultureInfo.InvariantCulture) });
                cells.Add(new SweepCell(cells.Count, point, seed, args));
            }
        return cells;
    }
}
