using System.Diagnostics;
using System.Globalization;
using GanSharp.Sweeps;

namespace GanSharp.Cli;

/// <summary>
/// `gan sweep SPEC --local N`: N cells at once, each as `gan sweep SPEC --cell K` in a child process
/// with its share of the cores as libtorch threads, its output in RUNS/NAME/logs/cell-NNN.out. A
/// cell that fails is recorded (cell-NNN.failed) and the others go on. A stop starts no new cell:
/// Ctrl+C reaches the children by itself (one process group), SIGTERM (a scheduler's, kill's) is
/// passed on to them; each checkpoints, and the next run resumes them.
/// </summary>
internal static class SweepLocal
{
    public static int Run(string specPath, string runs, SweepFolder folder, IReadOnlyList<SweepCell> cells, int parallel, int? threads, bool retry, CliConsole console)
    {
        int perCell = threads ?? Math.Max(1, Environment.ProcessorCount / parallel);
        var todo = new Queue<SweepCell>(cells.Where(c => folder.StateOf(c) is not CellState.Finished && (retry || folder.StateOf(c) is not (CellState.Failed or CellState.Diverged))));
        int skipped = cells.Count - todo.Count;
        console.Line($"sweep {Path.GetFileName(folder.Root)}: {cells.Count} cells, {skipped} finished or failed before, {todo.Count} to run, {parallel} at a time with {perCell} thread{(perCell == 1 ? "" : "s")} each");
        var running = new List<(SweepCell Cell, Process Process, Stopwatch Clock)>();
        int failed = 0, done = 0;
        bool stopping = false;
        using var listening = console.Interrupts.Listen();   // a Ctrl+C stops new starts; the children get it themselves
        while (todo.Count > 0 || running.Count > 0)
        {
            while (running.Count < parallel && todo.Count > 0 && !console.Interrupts.Token.IsCancellationRequested)
            {
                var cell = todo.Dequeue();
                var args = new List<string> { "sweep", specPath, "--runs", runs, "--cell", cell.Index.ToString(CultureInfo.InvariantCulture), "--threads", perCell.ToString(CultureInfo.InvariantCulture) };
                if (retry) args.Add("--retry");
                running.Add((cell, GanProcess.Start(args, Path.Combine(folder.Logs, cell.Id + ".out")), Stopwatch.StartNew()));
                console.Line($"  {cell.Id} started: {cell.Label}");
            }
            if (console.Interrupts.Token.IsCancellationRequested && !stopping)
            {
                stopping = true;
                todo.Clear();
                if (console.Interrupts.Received == System.Runtime.InteropServices.PosixSignal.SIGTERM)
                    foreach (var r in running) GanProcess.Terminate(r.Process);
            }
            var ended = running.FirstOrDefault(r => r.Process.WaitForExit(200));
            if (ended.Process is null) continue;
            running.Remove(ended);
            int code = ended.Process.ExitCode;
            ended.Process.Dispose();
            var state = folder.StateOf(ended.Cell);
            if (code == 0) done++; else if (!SweepCellRun.Interrupted.Contains(code)) failed++;
            console.Line($"  {ended.Cell.Id} {(code == 0 ? "finished" : SweepCellRun.Interrupted.Contains(code) ? "interrupted" : $"failed (exit code {code}; {state.ToString().ToLowerInvariant()})")} " +
                         $"after {ended.Clock.Elapsed:h\\:mm\\:ss} [{done + failed}/{cells.Count - skipped}]");
        }
        if (console.Interrupts.Token.IsCancellationRequested)
        {
            console.Line("stopped; run the same command again to resume the interrupted cells and start the rest");
            return console.Interrupts.ExitCode;
        }
        console.Line($"sweep done: {done} finished, {failed} failed; gan sweep {specPath} --runs {runs} --report writes the table");
        return failed == 0 ? ExitCode.Ok : ExitCode.Error;
    }
}
