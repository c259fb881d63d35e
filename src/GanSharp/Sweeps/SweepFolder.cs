using System.Text.Json;
using System.Text.Json.Nodes;
using GanSharp.Training;

namespace GanSharp.Sweeps;

/// <summary>Where a cell stands, read from the sweep's folder.</summary>
public enum CellState { NotStarted, Running, Finished, Interrupted, Diverged, Failed }

/// <summary>
/// A sweep's folder, RUNS/NAME: sweep.json (the cells and their arguments, written when the sweep
/// first starts and checked on every later start, so a changed spec cannot mix its cells with an
/// old one's), one ordinary run folder per cell, and cell-NNN.failed for a cell whose process
/// ended with an error before or during training (its exit code and why).
/// </summary>
public sealed class SweepFolder(string runs, SweepSpec spec)
{
    public string Root { get; } = Path.Combine(runs, spec.Name);
    public string Manifest => Path.Combine(Root, "sweep.json");
    public string Logs => Path.Combine(Root, "logs");

    public RunDirectory Cell(SweepCell cell) => new(Path.Combine(Root, cell.Id));
    public string FailureOf(SweepCell cell) => Path.Combine(Root, cell.Id + ".failed");

    /// <summary>Writes sweep.json, or checks that the one there lists the same cells with the same arguments.</summary>
    public void Record(IReadOnlyList<SweepCell> cells)
    {
        Directory.CreateDirectory(Root);
        var listed = new JsonObject
        {
            ["name"] = spec.Name,
            ["family"] = spec.Family,
            ["cells"] = new JsonArray(cells.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id, ["label"] = c.Label, ["arguments"] = new JsonArray(c.TrainArguments.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            }).ToArray()),
        };
        if (File.Exists(Manifest))
        {
            var stored = JsonNode.Parse(File.ReadAllText(Manifest))?["cells"]?.AsArray() ?? new JsonArray();
            foreach (var (old, now) in stored.Zip(listed["cells"]!.AsArray()))
                if (!JsonNode.DeepEquals(old?["arguments"], now?["arguments"]))
                    throw new GanSharpException($"{Manifest}: {now!["id"]} was started as '{old?["label"]}', the spec now makes it '{now["label"]}'; " +
                        "a changed spec needs its own sweep: give it another name (the spec's \"name\") or another --runs");
            if (stored.Count > cells.Count)
                throw new GanSharpException($"{Manifest}: the sweep was started with {stored.Count} cells, the spec now makes {cells.Count}; give the changed spec another name");
        }
        AtomicFile.WriteAllText(Manifest, listed.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public CellState StateOf(SweepCell cell)
    {
        if (File.Exists(FailureOf(cell))) return CellState.Failed;
        var dir = Cell(cell);
        if (!File.Exists(dir.Config)) return CellState.NotStarted;
        return RunActivity.Of(dir) switch
        {
            RunStatus.Running => CellState.Running,
            RunStatus.Finished => CellState.Finished,
            RunStatus.Diverged => CellState.Diverged,
            RunStatus.New => CellState.NotStarted,
            _ => CellState.Interrupted,
        };
    }
}
