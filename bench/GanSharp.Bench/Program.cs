using System.Globalization;
using GanSharp.Bench;
using GanSharp.Runtime;
using TorchSharp;

// GanSharp benchmark: our trainer against a bare TorchSharp loop with the same networks, in one
// process, alternating segments, several repetitions; RSS growth over a long run; the cost of
// each convolution fallback. Usage:
//   dotnet run -c Release --project bench/GanSharp.Bench [-- --reps 5 --seconds 4 --rss-steps 2000 --sections compare,rss,folder,eval,costs,conv --rows dcgan28,sagan32]
var options = Args.Parse(args);
TorchRuntime.Initialize(options.Threads);
if (options.RateOnly is string rateConfig)
{
    // Child process of the conv-fallback measurement: print one images/s number.
    Console.WriteLine(Bench.TrainerRate(Bench.Configs[rateConfig], options.Seconds).ToString(CultureInfo.InvariantCulture));
    return 0;
}
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {torch.get_num_threads()} torch threads, {Bench.CpuName()}, .NET {Environment.Version}, OMP_WAIT_POLICY={NativeEnvironment.Get("OMP_WAIT_POLICY")}");
if (options.Has("compare")) {
Console.WriteLine($"{"config",-10} {"GanSharp img/s",15} {"bare img/s",12} {"ratio",7}  (median of {options.Reps} alternating segments of ~{options.Seconds}s, batch 64 unless said)");
foreach (var (name, config) in Bench.Configs.Where(c => options.Row(c.Key)))
{
    var (ours, bare) = Bench.Compare(config, options.Reps, options.Seconds);
    Console.WriteLine($"{name,-10} {ours,15:N0} {bare,12:N0} {ours / bare,7:F3}");
}
void Row(string name, Func<(double, double)> compare, string about)
{
    if (!options.Row(name)) return;
    var (ours, bare) = compare();
    Console.WriteLine($"{name,-10} {ours,15:N0} {bare,12:N0} {ours / bare,7:F3}  ({about})");
}
Row("pix2pix64", () => Pix2PixBench.Compare(options.Reps, options.Seconds), $"edges → Fashion-MNIST, batch {Pix2PixBench.Options.BatchSize}, width {Pix2PixBench.Options.Width}");
Row("cyclegan64", () => CycleGanBench.Compare(options.Reps, options.Seconds), $"two Fashion-MNIST streams, batch {CycleGanBench.Options.BatchSize}, width {CycleGanBench.Options.Width}, {CycleGanBench.Options.ResidualBlocks} blocks");
Row("srgan64", () => SrganBench.Compare(options.Reps, options.Seconds), $"GAN phase, 16 → 64 Fashion-MNIST, batch {SrganBench.Options.BatchSize}, width {SrganBench.Options.Width}, {SrganBench.Options.ResidualBlocks} blocks");
Row("pggan32", () => ProGanBench.Compare(options.Reps, options.Seconds), $"fully grown, Fashion-MNIST at 32, batch {ProGanBench.Options.BatchSize}, width {ProGanBench.Options.Width}");
Row("lapgan32", () => LapGanBench.Compare(options.Reps, options.Seconds), $"base {LapGanBench.Options.BaseSide} → {LapGanBench.Options.Resolution}, levels jointly, Fashion-MNIST, batch {LapGanBench.Options.BatchSize}, level width {LapGanBench.Options.LevelWidth}");
Row("stackgan32", () => StackGanBench.Compare(options.Reps, options.Seconds), $"stage I, the embedded emoji and their descriptions, batch {StackGanBench.Options.BatchSize}, width {StackGanBench.Options.Width}, c {StackGanBench.Options.ConditionSize}");
Row("stylegan32", () => StyleGanBench.Compare(options.Reps, options.Seconds), $"Fashion-MNIST at 32, batch {StyleGanBench.Options.BatchSize}, width {StyleGanBench.Options.Width}, w {StyleGanBench.Options.StyleSize}, lazy r1 every {StyleGanBench.Options.R1Every}");
Row("gan3d32", () => Gan3dBench.Compare(options.Reps, options.Seconds), $"256 procedural shapes at {Gan3dBench.Options.Resolution}³, batch {Gan3dBench.Options.BatchSize}, width {Gan3dBench.Options.Width}, D always updated");
foreach (var family in new[] { "sagan", "biggan" })
{
    var ro = ResNetGanBench.Options(family);
    Row(family + "32", () => ResNetGanBench.Compare(family, options.Reps, options.Seconds), $"Fashion-MNIST at 32, {(ro.Classes > 0 ? $"{ro.Classes} classes, " : "")}batch {ro.BatchSize}, width {ro.Width}, k {ro.DSteps}");
}
}
// Whole runs first, in a process that has trained nothing yet; then the trainer alone (rows run-vanilla, run-dcgan, vanilla, dcgan28).
foreach (var family in options.Has("rss") ? new[] { "vanilla", "dcgan" }.Where(f => options.Row("run-" + f)) : Array.Empty<string>())
{
    var (warm, end) = RunRssBench.Measure(family, options.RssSteps);
    Console.WriteLine($"RSS gan train {family}: {warm / 1e6:N0} MB at step {RunRssBench.WarmUp}, {end / 1e6:N0} MB {options.RssSteps:N0} steps later: {100.0 * (end - warm) / warm:+0.0;-0.0;0.0}%  (whole run: grids, plots, checkpoints)");
}
foreach (var name in options.Has("rss") ? new[] { "vanilla", "dcgan28" }.Where(options.Row) : Array.Empty<string>())
{
    var (warm, after) = Bench.RssGrowth(Bench.Configs[name], options.RssSteps);
    Console.WriteLine($"RSS {name}: {warm / 1e6:N0} MB after warm-up, {after / 1e6:N0} MB after {options.RssSteps:N0} more steps: {100.0 * (after - warm) / warm:+0.0;-0.0;0.0}%  (trainer alone)");
}
if (options.Has("folder")) FolderBench.Run(3000, Math.Min(options.RssSteps, 500), options.Seconds);
if (options.Has("eval")) EvalBench.Run(10_000);
if (options.Has("costs"))
{
    // What a stabiliser adds to a DCGAN-28 step (k = 1 in all three, to isolate the cost).
    var plain = Bench.Configs["dcgan28"];
    double basis = Bench.TrainerRate(plain, options.Seconds);
    Console.WriteLine($"stabiliser cost (DCGAN-28, k = 1, trainer images/s): plain {basis:N0}");
    foreach (var (label, o) in new[] { ("spectral norm", plain with { SpectralNorm = true }), ("gradient penalty", plain with { Penalty = "gp", DNorm = "layer" }),
                                       ("layer norm only", plain with { DNorm = "layer" }), ("EMA of G", plain with { EmaDecay = 0.999 }) })
    {
        double r = Bench.TrainerRate(o, options.Seconds);
        Console.WriteLine($"  {label,-18} {r,8:N0} img/s  {basis / r:F2}× the time of a plain step");
    }
}
if (!options.Has("conv")) return 0;
Console.WriteLine("convolution fallbacks (DCGAN-28 trainer, separate processes):");
double baseline = Bench.ChildRate("dcgan28", options, null);
Console.WriteLine($"  oneDNN (default)          {baseline,8:N0} img/s  1.00×");
foreach (var isa in new[] { "AVX2", "AVX" })
{
    double r = Bench.ChildRate("dcgan28", options, isa);
    Console.WriteLine($"  ONEDNN_MAX_CPU_ISA={isa,-5}   {r,8:N0} img/s  {baseline / r:F2}× slower");
}
OneDnn.Enabled = false;
double off = Bench.TrainerRate(Bench.Configs["dcgan28"], options.Seconds);
OneDnn.Enabled = true;
Console.WriteLine($"  oneDNN off (run time)     {off,8:N0} img/s  {baseline / off:F2}× slower");
return 0;

internal sealed record Args(int Reps, double Seconds, int RssSteps, int Threads, string? RateOnly, string Sections, string? Rows = null)
{
    /// <summary>--rows sagan32,pggan32: only these rows of the compare section (default all).</summary>
    public bool Row(string name) => Rows is null || Rows.Split(',').Contains(name);

    /// <summary>--sections compare,rss,folder,eval,costs,conv (default all six).</summary>
    public bool Has(string section) => Sections.Split(',').Contains(section);

    public static Args Parse(string[] a)
    {
        string? Get(string flag) { int i = Array.IndexOf(a, flag); return i >= 0 && i + 1 < a.Length ? a[i + 1] : null; }
        return new Args(int.Parse(Get("--reps") ?? "5"), double.Parse(Get("--seconds") ?? "4", CultureInfo.InvariantCulture),
            int.Parse(Get("--rss-steps") ?? "2000"), int.Parse(Get("--threads") ?? "0"), Get("--rate"), Get("--sections") ?? "compare,rss,folder,eval,costs,conv", Get("--rows"));
    }
}
