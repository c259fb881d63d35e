using System.CommandLine;
using GanSharp.Sweeps;

namespace GanSharp.Cli;

/// <summary>
/// `gan sweep SPEC`: a grid or random search over a family's options and seeds, each cell an
/// ordinary run folder RUNS/NAME/cell-NNN. Every cell's options are checked before anything starts.
/// Run it here (--local N), one cell (--cell K: what a scheduler's task runs), emit a Slurm or
/// Kubernetes job (--emit), or write the table and plots (--report).
/// </summary>
public static class SweepCommand
{
    public static Command Build(CliConsole console)
    {
        var spec = new Argument<string>("spec") { Description = "sweep spec, JSON or YAML: family, fixed, grid, random, seeds, metric, eval" };
        var runs = new Option<string>("--runs") { Description = "parent folder of the sweep's folder", DefaultValueFactory = _ => "runs" };
        var local = new Option<int?>("--local") { Description = "run the cells here, N at a time (child processes; the default, with 1)" };
        var cell = new Option<int?>("--cell") { Description = "run one cell, by number (what each task of an emitted job runs)" };
        var emit = new Option<string?>("--emit") { Description = "write a job for a scheduler instead of running: slurm or kubernetes" };
        var output = new Option<string?>("--out") { Description = "where --emit writes (default: RUNS/NAME/sweep.sbatch or sweep-job.json)" };
        var parallel = new Option<int>("--parallel") { Description = "--emit: at most this many cells at once", DefaultValueFactory = _ => 4 };
        var partition = new Option<string?>("--partition") { Description = "--emit slurm: the partition" };
        var image = new Option<string>("--image") { Description = "--emit kubernetes: a container image with gan on its PATH", DefaultValueFactory = _ => "gansharp:latest" };
        var claim = new Option<string>("--claim") { Description = "--emit kubernetes: the persistent volume claim that holds --runs and the spec", DefaultValueFactory = _ => "gansharp-runs" };
        var report = new Option<bool>("--report") { Description = "write RUNS/NAME/report.md: every cell best first, and the metric against each varied option" };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads per cell (default: the cores divided among the cells at once)" };
        var retry = new Option<bool>("--retry") { Description = "train failed and diverged cells again" };
        var dryRun = new Option<bool>("--dry-run") { Description = "list the cells and check their options; run nothing" };
        var command = new Command("sweep", "Hyperparameter sweeps: a grid or random search over a family's options and seeds, run here, as one cell, or emitted for Slurm or Kubernetes.")
            { spec, runs, local, cell, emit, output, parallel, partition, image, claim, report, threads, retry, dryRun };
        command.SetAction(parse =>
        {
            var specPath = parse.GetValue(spec)!;
            var parsed = SweepSpec.Load(specPath);
            var cells = SweepCells.Expand(parsed);
            foreach (var c in cells) Checked(c);
            var folder = new SweepFolder(parse.GetValue(runs)!, parsed);
            if (parse.GetValue(dryRun))
            {
                foreach (var c in cells) console.Line($"{c.Id} [{folder.StateOf(c).ToString().ToLowerInvariant()}] gan train {string.Join(' ', c.TrainArguments)}");
                return ExitCode.Ok;
            }
            if (parse.GetValue(report))
            {
                console.Line($"wrote {SweepReport.Write(folder, parsed, cells)}");
                return ExitCode.Ok;
            }
            folder.Record(cells);
            if (parse.GetValue(emit) is string kind)
                return Emit(kind, specPath, parse.GetValue(runs)!, folder, cells.Count, parse.GetValue(parallel), parse.GetValue(threads) ?? 1,
                    parse.GetValue(partition), parse.GetValue(image)!, parse.GetValue(claim)!, parse.GetValue(output), console);
            if (parse.GetValue(cell) is int k)
            {
                if (k < 0 || k >= cells.Count) throw new GanSharpException($"--cell {k}: the sweep has cells 0 to {cells.Count - 1}");
                return SweepCellRun.Run(folder, parsed, cells[k], parse.GetValue(threads), parse.GetValue(retry),
                    args => GanCli.Run(args, Console.Out, Console.Error, console.Interrupts), console.Line);
            }
            int n = parse.GetValue(local) ?? 1;
            if (n < 1) throw new GanSharpException($"--local {n}: at least one cell at a time");
            return SweepLocal.Run(specPath, parse.GetValue(runs)!, folder, cells, n, parse.GetValue(threads), parse.GetValue(retry), console);
        });
        return command;
    }

    /// <summary>The cell's `gan train` arguments parse and validate, or an error naming the cell.</summary>
    private static void Checked(SweepCell cell)
    {
        try
        {
            TrainCommand.Check(cell.TrainArguments);
        }
        catch (GanSharpException e)
        {
            throw new GanSharpException($"{cell.Id} ({cell.Label}): {e.Message}");
        }
    }

    private static int Emit(string kind, string spec, string runs, SweepFolder folder, int cells, int parallel, int threads, string? partition, string image, string claim, string? output, CliConsole console)
    {
        if (parallel < 1) throw new GanSharpException($"--parallel {parallel}: at least 1");
        var (program, prefix) = GanProcess.Command();   // Slurm tasks run this machine's gan; a container has gan on its PATH
        var gan = kind == "slurm" ? string.Join(' ', prefix.Prepend(program)) : "gan";
        var settings = new SweepEmit.Settings(Path.GetFullPath(spec), Path.GetFullPath(runs), cells, parallel, threads, gan, partition, image, claim);
        var (text, file) = kind switch
        {
            "slurm" => (SweepEmit.Slurm(settings), Path.Combine(folder.Root, "sweep.sbatch")),
            "kubernetes" => (SweepEmit.Kubernetes(settings), Path.Combine(folder.Root, "sweep-job.json")),
            _ => throw new GanSharpException($"--emit is slurm or kubernetes, not {kind}"),
        };
        file = output ?? file;
        AtomicFile.WriteAllText(file, text);
        console.Line($"wrote {file}: {cells} cells, at most {parallel} at once, {threads} thread(s) each; " +
                     (kind == "slurm" ? $"submit with sbatch {file}" : $"apply with kubectl apply -f {file} (the spec and --runs must be on the claim {claim})"));
        return ExitCode.Ok;
    }
}
