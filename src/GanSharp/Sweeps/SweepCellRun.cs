using System.Globalization;

namespace GanSharp.Sweeps;

/// <summary>
/// Brings one cell to its end, whatever happened before: a finished cell is left alone, an
/// interrupted one resumes from its checkpoint (or starts again when it stopped before its first),
/// a new one trains; a failed or diverged one is left as it is unless asked to retry. After
/// training, `gan eval` when the spec asks for it. `gan` runs the commands (in this process or another).
/// </summary>
public static class SweepCellRun
{
    /// <summary>The exit codes of a stop by SIGINT and SIGTERM: the cell is interrupted, not failed.</summary>
    public static readonly IReadOnlySet<int> Interrupted = new HashSet<int> { 130, 143 };

    public static int Run(SweepFolder folder, SweepSpec spec, SweepCell cell, int? threads, bool retry, Func<string[], int> gan, Action<string> say)
    {
        var dir = folder.Cell(cell);
        var state = folder.StateOf(cell);
        if (state is CellState.Failed or CellState.Diverged && !retry)
        {
            say($"{cell.Id} {state.ToString().ToLowerInvariant()} before ({cell.Label}); --retry trains it again");
            return 0;
        }
        if (state == CellState.Running) throw new GanSharpException($"{dir.Root} is being trained by another process");
        if (state == CellState.Finished)
        {
            say($"{cell.Id} finished already ({cell.Label})");
            return Evaluate(spec, cell, dir.Root, gan);
        }
        File.Delete(folder.FailureOf(cell));
        int code;
        if (state == CellState.Interrupted && File.Exists(dir.LastCheckpoint))
        {
            say($"{cell.Id} resumes ({cell.Label})");
            code = gan(new[] { "resume", dir.Root });
        }
        else
        {
            if (Directory.Exists(dir.Root)) Directory.Delete(dir.Root, recursive: true);   // stopped before its first checkpoint, or retried: nothing to keep
            say($"{cell.Id} trains ({cell.Label})");
            var args = new List<string> { "train" };
            args.AddRange(cell.TrainArguments);
            if (threads is int t && !spec.Fixed.ContainsKey("threads")) args.AddRange(new[] { "--threads", t.ToString(CultureInfo.InvariantCulture) });
            args.AddRange(new[] { "--runs", folder.Root, "--name", cell.Id });
            code = gan(args.ToArray());
        }
        if (code == 0) return Evaluate(spec, cell, dir.Root, gan);
        if (!Interrupted.Contains(code) && folder.StateOf(cell) != CellState.Diverged)
            AtomicFile.WriteAllText(folder.FailureOf(cell), $"exit code {code}; see {Path.Combine(folder.Logs, cell.Id + ".out")} or {dir.Log}\n");
        return code;
    }

    /// <summary>`gan eval CELL --count N` once, when the spec has "eval": N and the cell has no eval.json yet.</summary>
    private static int Evaluate(SweepSpec spec, SweepCell cell, string root, Func<string[], int> gan) =>
        spec.Eval is int count && !File.Exists(Path.Combine(root, "eval.json"))
            ? gan(new[] { "eval", root, "--count", count.ToString(CultureInfo.InvariantCulture) })
            : 0;
}
