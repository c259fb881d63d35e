using System.Globalization;
using GanSharp.Data;

namespace GanSharp.Lab;

/// <summary>What `gan lab table` is asked for: rows, distributions, seeds, steps, where runs go, and the page.</summary>
public sealed record CoverageTablePlan(
    IReadOnlyList<CoverageSetting> Rows, IReadOnlyList<string> Distributions, int Seeds, long Steps, string Runs,
    int? Threads, bool NoTrain, bool Fresh, double? GoalHighQuality, string Page, IReadOnlyList<string> GivenSettings);

/// <summary>
/// Trains every setting on every toy distribution with several seeds (through a `gan toy` runner
/// the caller passes in) and writes the mode-coverage page. Finished runs (with coverage.json)
/// are reused, so a killed table continues where it stopped; Fresh retrains everything.
/// </summary>
public static class CoverageTableRun
{
    /// <summary>Runs the plan; false when a training run was interrupted (the page is then not written).</summary>
    public static bool Run(CoverageTablePlan plan, Func<string[], int> trainToy, Func<int, bool> wasInterrupted, Action<string> say, Action<string> warn)
    {
        foreach (var n in plan.Distributions)
            if (ToyDistribution.Named(n).Centres is null) throw new GanSharpException($"{n} has no modes to count; use ring, grid or ring-unrolled");
        if (plan.Seeds < 1 || plan.Steps < 1) throw new GanSharpException("--seeds and --steps must be positive");
        var results = new List<CoverageRun>();
        foreach (var distribution in plan.Distributions)
            foreach (var setting in plan.Rows.Where(r => r.RunsOn(distribution)))
                for (long seed = 0; seed < (setting.Seeds ?? plan.Seeds); seed++)
                {
                    string name = $"{distribution}-{setting.Name}-seed{seed}";
                    string folder = Path.Combine(plan.Runs, name);
                    var done = plan.Fresh ? null : CoverageRun.Read(folder, setting.Name, seed);
                    if (done is not null && CoverageRunCheck.Mismatch(folder, setting, setting.Steps ?? plan.Steps) is string why)
                        throw new GanSharpException($"{folder} was trained with other settings than the row '{setting.Name}' ({why}): give the row another name, or pass --fresh to retrain");
                    if (done is null && plan.NoTrain)
                    {
                        say($"{name}: not finished, left out (--no-train)");
                        continue;
                    }
                    if (done is null)
                    {
                        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                        say($"== {name} ==");
                        int code = trainToy(Arguments(plan, distribution, setting, seed, name));
                        if (wasInterrupted(code)) return false;
                        done = CoverageRun.Read(folder, setting.Name, seed);
                        if (done is null) { warn($"warning: {name} ended without a coverage measurement (exit code {code}); left out of the table"); continue; }
                    }
                    say($"{name}: {done.ModesCaptured}/{done.Modes} modes, {done.HighQuality:P1} high quality, reverse KL {(done.ReverseKl is double kl ? kl.ToString("F3", CultureInfo.InvariantCulture) : "–")}");
                    results.Add(done);
                }
        CoverageTable.Write(plan.Page, Intro(plan), plan.Rows, results, plan.GoalHighQuality);
        say($"wrote {plan.Page}");
        return true;
    }

    /// <summary>The `gan toy` arguments of one cell; a row may train longer than the rest (its flags say --steps).</summary>
    private static string[] Arguments(CoverageTablePlan plan, string distribution, CoverageSetting setting, long seed, string name)
    {
        long runSteps = setting.Steps ?? plan.Steps;
        string S(long v) => v.ToString(CultureInfo.InvariantCulture);
        var args = new List<string> { "toy", distribution, "--seed", S(seed), "--runs", plan.Runs, "--name", name,
            "--sample-every", S(Math.Max(1, runSteps / 4)), "--log-every", S(Math.Max(1, runSteps / 10)), "--checkpoint-every", S(Math.Min(runSteps, 5000)) };
        if (setting.Steps is null) args.AddRange(new[] { "--steps", S(plan.Steps) });
        if (plan.Threads is int t) args.AddRange(new[] { "--threads", S(t) });
        args.AddRange(setting.Arguments);
        return args.ToArray();
    }

    private static string Intro(CoverageTablePlan plan) =>
        $"Made by `gan lab table --steps {plan.Steps} --seeds {plan.Seeds} --distributions {string.Join(' ', plan.Distributions)}" +
        string.Concat(plan.GivenSettings.Select(x => $" --setting \"{x}\"")) + "`: " +
        $"`gan toy` runs of {plan.Steps:N0} generator steps, seeds 0–{plan.Seeds - 1} (unless a row's flags give its own --steps or --seeds), each measured on 2,500 samples as in PacGAN and VEEGAN " +
        "(high quality: within 3σ of the nearest centre; a mode is captured when it is the nearest centre of a high-quality sample; reverse KL of the high-quality samples' mode histogram to uniform, left out for runs without high-quality samples). " +
        "Values are mean ± standard deviation over seeds. The pictures are the last scatter plot of seed 0.";
}
