using System.CommandLine;
using GanSharp.Imaging;
using GanSharp.Latent;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>
/// `gan sample RUN --count 64 --out grid.png [--seed N]`: a grid from a trained generator, or with
/// --format png-folder one PNG per image in a folder (what pytorch-fid, clean-fid and
/// torch-fidelity read), the same images as the grid of the same seed.
/// </summary>
public static class SampleCommand
{
    public static Command Build(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "run folder" };
        var count = new Option<int>("--count") { Description = "number of images", DefaultValueFactory = _ => 64 };
        var output = new Option<string>("--out") { Description = "PNG file to write", DefaultValueFactory = _ => "samples.png" };
        var seed = new Option<long>("--seed") { Description = "noise seed (same seed, same images)", DefaultValueFactory = _ => 0 };
        var checkpoint = new Option<string>("--checkpoint") { Description = "last, previous, or a .ckpt path", DefaultValueFactory = _ => "last" };
        var klass = new Option<int?>("--class") { Description = "conditional runs: every image of this class (InfoGAN: this value of the categorical code)" };
        var classGrid = new Option<bool>("--class-grid") { Description = "conditional runs: one row per class, the same noise down each column (--count columns' worth)" };
        var traverse = new Option<int?>("--traverse") { Description = "InfoGAN: vary continuous code J from −2 to 2 along each row (rows = categories)" };
        var columns = new Option<int>("--columns") { Description = "columns of class grids and traversals", DefaultValueFactory = _ => 8 };
        var format = new Option<string>("--format") { Description = "grid (one PNG), png-folder (--out is a folder of 000000.png …) or npy (--out is one uint8 (N, H, W, C) NumPy file), for other tools' FID; voxel runs: npy is float32 (N, D, H, W) occupancies, obj a folder of 000000.obj surface meshes", DefaultValueFactory = _ => "grid" };
        format.AcceptOnlyFromAmong("grid", "png-folder", "npy", "obj");
        var truncation = new Option<double?>("--truncation") { Description = "truncation trick ψ: z drawn from the normal prior truncated to [−ψ, ψ] (BigGAN; smaller = more typical, less varied; 0 = every z at its mode); stylegan: w pulled towards the mean w̄ + ψ (w − w̄) (1 = none, 0 = the mean image); unset = none" };
        var styleMix = new Option<string?>("--style-mix") { Description = "StyleGAN: a style-mixing grid, sources B along the top, A down the side, each cell A with B's coarse, middle or fine styles (--columns × --columns)" };
        styleMix.AcceptOnlyFromAmong(StyleMixingGrid.Groups.ToArray());
        var levels = new Option<bool>("--levels") { Description = "LAPGAN: every level of the same samples, one row per sample (--count rows), coarsest to finest from left to right, each upsampled to the resolution" };
        var text = new Option<string?>("--text") { Description = "text-to-image runs (stackgan): every image for this description, or one row of --count for each of several joined by '|'; words the text encoder does not know are left out and named" };
        var turntable = new Option<int?>("--turntable") { Description = "voxel runs: an animated GIF (--out NAME.gif) of shape K (from 0) of the panel of this --seed and --count turning once about the vertical" };
        var frames = new Option<int>("--frames") { Description = "frames of --turntable", DefaultValueFactory = _ => 36 };
        var stages = new Option<bool>("--stages") { Description = "stackgan: every stage of the same samples, one row per sample (--count rows), stage I upsampled beside stage II; with --text or the training images' descriptions" };
        var command = new Command("sample", "Draw images from a run's generator into one PNG grid (conditional runs: by class, class grids, code traversals; StyleGAN: style mixing; LAPGAN: the levels; StackGAN: for a description, by stage).")
        {
            run, count, output, seed, checkpoint, klass, classGrid, traverse, columns, format, truncation, styleMix, levels, text, stages, turntable, frames,
        };
        command.SetAction(parse =>
        {
            using var sampler = new RunSampler(parse.GetValue(run)!, parse.GetValue(checkpoint)!);
            sampler.Truncation = parse.GetValue(truncation);
            int n = parse.GetValue(count), cols = parse.GetValue(columns);
            if (n <= 0 || cols <= 0) throw new GanSharpException("--count and --columns must be positive");
            using var g = Runtime.Seeding.Generator(parse.GetValue(seed), "sample");
            var path = parse.GetValue(output)!;
            if (parse.GetValue(turntable) is int turned)
            {
                console.Line(VolumeFiles.Turntable(sampler, n, parse.GetValue(seed), turned, parse.GetValue(frames), path));
                return ExitCode.Ok;
            }
            CheckOutput(path, parse.GetValue(format)!, n);
            if (parse.GetValue(format) is "png-folder" or "npy" or "obj")
            {
                if (parse.GetValue(traverse) is not null || parse.GetValue(classGrid) || parse.GetValue(klass) is not null)
                    throw new GanSharpException($"--format {parse.GetValue(format)} writes plain samples; leave out --class, --class-grid and --traverse");
                if (sampler.Config.DataShape?.Modality == Data.Modality.Voxels)
                {
                    console.Line(VolumeFiles.Write(sampler, n, parse.GetValue(seed), parse.GetValue(format)!, path));
                    return ExitCode.Ok;
                }
                if (parse.GetValue(format) == "obj") throw new GanSharpException($"--format obj writes meshes of voxel runs (gan3d); this run is {sampler.Config.Family}, of images");
                using var z = sampler.Recipe.Noise(n, g);                  // the noise of the grid of the same seed
                bool npy = parse.GetValue(format) == "npy";
                var shape = sampler.Config.DataShape;
                if (shape is not null)   // pixels as bytes; PNGs are smaller, but not by a promise
                    DiskSpace.Require(Path.GetDirectoryName(Path.GetFullPath(path))!, shape.Size.Aggregate((long)n * shape.Channels, (bytes, side) => bytes * side), $"{n:N0} samples");
                if (!npy) Directory.CreateDirectory(path);
                NpyImages? array = null;
                for (long start = 0; start < n; start += 256)
                {
                    using var scope = TorchSharp.torch.NewDisposeScope();
                    var batch = sampler.SampleLatents(z.narrow(0, start, Math.Min(256, n - start)));
                    if (npy) (array ??= new NpyImages(path, n, batch.shape[1], batch.shape[2], batch.shape[3])).Append(batch);
                    else
                        for (long i = 0; i < batch.shape[0]; i++)
                            ImageGrid.Save(batch.narrow(0, i, 1), Path.Combine(path, $"{start + i:000000}.png"), columns: 1, padding: 0);
                }
                array?.Dispose();
                console.Line(npy ? $"wrote {n} samples of step {sampler.Step} to {path} (uint8, shape (N, H, W, C))" : $"wrote {n} samples of step {sampler.Step} as single PNGs to {path}");
                return ExitCode.Ok;
            }
            string what;
            TorchSharp.torch.Tensor images;
            if (parse.GetValue(styleMix) is string group)
            {
                if (sampler.Recipe is not Recipes.Modern.StyleGan style) throw new GanSharpException($"--style-mix needs a stylegan run; this run is {sampler.Config.Family}");
                images = StyleMixingGrid.Build(style, group, cols, cols, g, sampler.Truncation ?? 1);
                what = $"{group} styles of the top row mixed into the left column";
                cols += 1;
            }
            else if (parse.GetValue(levels))
            {
                if (sampler.Recipe is not Recipes.Pyramid.LapGan lapgan) throw new GanSharpException($"--levels needs a lapgan run; this run is {sampler.Config.Family}");
                using var z = lapgan.Noise(n, g);
                images = lapgan.LevelGrid(z);
                cols = lapgan.Options.Levels + 1;
                what = $"{n} samples at every level ({string.Join(" → ", Enumerable.Range(0, cols).Select(lapgan.Options.Side))})";
            }
            else if (parse.GetValue(text) is not null || parse.GetValue(stages))
            {
                var t = sampler.Recipe as Recipes.Text.ITextConditional
                    ?? throw new GanSharpException($"--text and --stages need a text-to-image run (stackgan); this run is {sampler.Config.Family}");
                (images, what, cols) = TextSamples.Draw(t, parse.GetValue(text), n, parse.GetValue(stages), g, console.Line);
            }
            else if (parse.GetValue(traverse) is int code)
            {
                images = sampler.SampleLatents(CodeGrids.Traversal(sampler.Conditional("--traverse"), code, cols, g));
                what = $"continuous code {code} from −2 to 2 (columns) for each category (rows)";
            }
            else if (parse.GetValue(classGrid))
            {
                images = sampler.SampleLatents(sampler.Conditional("--class-grid").ClassByNoise(cols, g));
                what = "one row per class, the same noise down each column";
            }
            else if (parse.GetValue(klass) is int k)
            {
                images = sampler.SampleLatents(CodeGrids.OfClass(sampler.Conditional("--class"), n, k, g));
                what = $"{n} samples of class {k}";
            }
            else
            {
                images = sampler.Sample(n, parse.GetValue(seed));
                what = $"{n} samples";
                cols = 0;
            }
            using (images)
            {
                if (images.dim() == 5)   // voxel grids: shaded renders, 8 a row
                    AtomicFile.Write(path, stream => stream.Write(VoxelRender.PanelPng(images, cols == 0 ? Math.Min(8, (int)images.shape[0]) : cols)));
                else ImageGrid.Save(images, path, cols == 0 ? null : cols);
            }
            console.Line($"wrote {what} of step {sampler.Step}{(sampler.Truncation is double psi ? $" with truncation ψ = {psi}" : "")} to {path}");
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>The largest grid drawn as one PNG; more samples go to --format png-folder or npy.</summary>
    private const int MaxGrid = 10_000;

    /// <summary>--out must be what --format writes (a file, or a folder for png-folder), and the samples must fit on its disk.</summary>
    private static void CheckOutput(string path, string format, int count)
    {
        bool folder = format is "png-folder" or "obj";
        if (!folder && Directory.Exists(path))
            throw new GanSharpException($"--out {path} is a folder; --format {format} writes one file (e.g. --out {Path.Combine(path, format == "npy" ? "samples.npy" : "samples.png")}), --format png-folder writes into a folder");
        if (folder && File.Exists(path)) throw new GanSharpException($"--out {path} is a file; --format {format} writes {(format == "obj" ? "one mesh per shape" : "single PNGs")} into a folder");
        if (format == "grid" && count > MaxGrid)
            throw new GanSharpException($"--count {count:N0} is too many for one grid picture (at most {MaxGrid:N0}); --format png-folder or npy writes any number");
    }
}
