using System.Diagnostics;
using GanSharp.Sweeps;
using Xunit;
using static GanSharp.Tests.Cli.GanCliTests;

namespace GanSharp.Tests.Cli;

/// <summary>
/// A sweep on a real scheduler: the one-node Slurm of tools/slurm/start-local.sh (which .ci/run
/// starts), the emitted job array submitted with sbatch, four tiny toy cells, and the report.
/// </summary>
public sealed class SlurmSweepTests
{
    [Fact]
    public void TheEmittedJobArray_RunsEveryCellOnSlurm_AndTheReportListsThem()
    {
        RequireSlurm();
        using var tmp = TestSetup.Temp();
        var spec = tmp.File("slurm-ring.json");
        File.WriteAllText(spec, """{"family": "toy", "fixed": {"dataset": "toy:ring", "steps": 150, "sample-every": 50}, "grid": {"lr-g": [0.0001, 0.001], "d-steps": [1, 2]}}""");
        var runs = tmp.File("runs");
        var (code, output, err) = Run("sweep", spec, "--runs", runs, "--emit", "slurm", "--parallel", "2", "--threads", "1");
        Assert.True(code == 0, output + err);
        var script = Path.Combine(runs, "slurm-ring", "sweep.sbatch");
        var text = File.ReadAllText(script);
        Assert.Contains("#SBATCH --array=0-3%2", text);
        Assert.Contains("--cell \"$SLURM_ARRAY_TASK_ID\"", text);

        var (exit, printed) = Execute("sbatch", "--wait", script);
        Assert.True(exit == 0, $"sbatch --wait ended with {exit}: {printed}\n{string.Join('\n', Directory.GetFiles(runs, "slurm-*.out").Select(File.ReadAllText))}");
        var parsed = SweepSpec.Load(spec);
        var folder = new SweepFolder(runs, parsed);
        Assert.All(SweepCells.Expand(parsed), c => Assert.Equal(CellState.Finished, folder.StateOf(c)));
        Assert.Equal(4, Directory.GetFiles(runs, "slurm-*.out").Length);   // one log per array task
        (code, _, _) = Run("sweep", spec, "--runs", runs, "--report");
        Assert.Equal(0, code);
        var page = File.ReadAllText(Path.Combine(runs, "slurm-ring", "report.md"));
        Assert.Equal(4, page.Split('\n').Count(l => l.StartsWith("| cell-0") && l.Contains("| finished |")));
    }

    private static void RequireSlurm()
    {
        var (code, printed) = Execute("scontrol", "ping");
        if (code != 0 || !printed.Contains("is UP"))
            throw new InvalidOperationException($"no Slurm answers here (scontrol ping: {printed.Trim()}); start the one-node cluster with tools/slurm/start-local.sh as root (.ci/run does)");
    }

    private static (int Code, string Printed) Execute(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(300_000)) { process.Kill(true); return (-1, $"{program} did not end within 5 minutes"); }
            return (process.ExitCode, output.Result + error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{program}: {e.Message}");
        }
    }
}
