using System.Diagnostics;
using System.Globalization;
using GanSharp.Data;
using GanSharp.Recipes;
using GanSharp.Runtime;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Bench;

/// <summary>The measurements; each returns numbers, Program prints them.</summary>
internal static class Bench
{
    public static readonly Dictionary<string, GanOptions> Configs = new()
    {
        ["vanilla"] = Families.DefaultsOf<GanSharp.Recipes.GanOptions>("vanilla"),
        ["dcgan28"] = Families.DefaultsOf<GanSharp.Recipes.GanOptions>("dcgan"),
        ["dcgan64"] = Families.DefaultsOf<GanSharp.Recipes.GanOptions>("dcgan") with { Resolution = 64 },
    };

    private static readonly Lazy<ImageDataset> Data = new(() => FashionMnist.Load(FashionMnist.Locate(FashionMnist.Embedded)));

    /// <summary>A trainer session without files worth keeping: a temporary run folder, no periodic callbacks.</summary>
    internal sealed class TrainerUnderTest : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("gansharp-bench-").FullName;
        private readonly IRecipe recipe;
        private readonly IBatches batches;
        private readonly TrainingState state;
        private readonly RunLog log = new(null, _ => { });

        public TrainerUnderTest(GanOptions o, IDataSource? data = null)
            : this(Seeded(() => new Gan(o, 0, CPU)), new BatchSampler(data ?? Data.Value, o.BatchSize, 0, CPU, data is null && o.Resolution != 28 ? o.Resolution : null)) { }

        /// <summary>Any recipe on any batches (built after the global seed is set, as a run builds them).</summary>
        public TrainerUnderTest(IRecipe recipe, IBatches batches)
        {
            (this.recipe, this.batches) = (recipe, batches);
            state = new TrainingState { Directory = new RunDirectory(folder).Create(), Recipe = recipe, Log = log, TotalSteps = 0 };
        }

        public static T Seeded<T>(Func<T> make)
        {
            Seeding.SeedGlobal(0);
            return make();
        }

        /// <summary>
        /// n steps through Trainer.Run (its loop, dispose scopes, NaN check, step logs). The run's
        /// final checkpoint is left out: a segment is not a run, and checkpoints cost per run, not per step.
        /// </summary>
        public void Steps(int n)
        {
            state.TotalSteps = state.Step + n;
            new Trainer(int.MaxValue, Array.Empty<ITrainingCallback>()) { CheckpointLastStep = false, DetailEvery = new TrainerOptions().LogEvery }.Run(state, batches);
        }

        public void Dispose()
        {
            recipe.Dispose(); batches.Dispose(); log.Dispose();
            Directory.Delete(folder, true);
        }
    }

    /// <summary>Median images/s of our trainer and of the bare loop, in alternating segments.</summary>
    public static (double Ours, double Bare) Compare(GanOptions o, int reps, double seconds)
    {
        using var ours = new TrainerUnderTest(o);
        using var bare = new BareLoop(o, Data.Value.Images);
        return Compare(ours.Steps, bare.Steps, o.BatchSize, reps, seconds);
    }

    /// <summary>
    /// Median images/s of two step functions of the same batch size, warmed up, then in alternating
    /// segments whose order swaps every repetition (ours, bare; bare, ours; …), so a drift of the
    /// machine's speed does not always favour the one that goes first.
    /// </summary>
    public static (double Ours, double Bare) Compare(Action<int> ours, Action<int> bare, int batchSize, int reps, double seconds)
    {
        int steps = CalibrateSteps(bare, seconds);
        ours(steps / 4 + 1);   // warm-up both
        bare(steps / 4 + 1);
        var a = new List<double>();
        var b = new List<double>();
        for (int r = 0; r < reps; r++)
        {
            if (r % 2 == 1) b.Add(steps * batchSize / Time(() => bare(steps)));
            a.Add(steps * batchSize / Time(() => ours(steps)));
            if (r % 2 == 0) b.Add(steps * batchSize / Time(() => bare(steps)));
        }
        return (Median(a), Median(b));
    }

    /// <summary>The embedded Fashion-MNIST test split the benchmarks train on.</summary>
    public static ImageDataset Fashion => Data.Value;

    /// <summary>Images/s of our trainer alone (on Fashion-MNIST unless <paramref name="data"/> is given).</summary>
    public static double TrainerRate(GanOptions o, double seconds, IDataSource? data = null)
    {
        using var ours = new TrainerUnderTest(o, data);
        int steps = CalibrateSteps(n => ours.Steps(n), seconds);
        var rates = Enumerable.Range(0, 3).Select(_ => steps * o.BatchSize / Time(() => ours.Steps(steps))).ToList();
        return Median(rates);
    }

    /// <summary>RSS after 200 warm-up steps, and after <paramref name="steps"/> more (on Fashion-MNIST unless <paramref name="data"/> is given).</summary>
    public static (long Warm, long After) RssGrowth(GanOptions o, int steps, IDataSource? data = null)
    {
        using var ours = new TrainerUnderTest(o, data);
        ours.Steps(200);
        GC.Collect();
        long warm = Rss();
        ours.Steps(steps);
        GC.Collect();
        return (warm, Rss());
    }

    /// <summary>Runs this benchmark in a child process (native settings apply only at start-up).</summary>
    public static double ChildRate(string config, Args options, string? maxIsa)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        // Started as `dotnet GanSharp.Bench.dll`, the host needs the assembly path; as an apphost it does not.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") psi.ArgumentList.Add(typeof(Bench).Assembly.Location);
        foreach (var a in new[] { "--rate", config, "--seconds", options.Seconds.ToString(CultureInfo.InvariantCulture), "--threads", options.Threads.ToString() })
            psi.ArgumentList.Add(a);
        if (maxIsa is not null) psi.Environment["ONEDNN_MAX_CPU_ISA"] = maxIsa;
        using var p = Process.Start(psi)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return double.Parse(text.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
    }

    private static int CalibrateSteps(Action<int> run, double seconds)
    {
        double t = Time(() => run(5)) / 5;
        return Math.Max(5, (int)(seconds / t));
    }

    private static double Time(Action a)
    {
        var sw = Stopwatch.StartNew();
        a();
        return sw.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    private static long Rss() => Status("VmRSS:");

    /// <summary>A size of /proc/self/status in bytes (VmRSS: now, VmHWM: the peak), or the working set where there is none.</summary>
    internal static long Status(string key)
    {
        if (File.Exists("/proc/self/status"))
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith(key)) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return Environment.WorkingSet;
    }

    public static string CpuName() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
}
