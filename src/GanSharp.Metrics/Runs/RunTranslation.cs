using GanSharp.Data.Pairs;
using GanSharp.Data.Sources;
using GanSharp.Imaging;
using GanSharp.Networks;
using GanSharp.Recipes.ImageToImage;
using GanSharp.Runtime;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Metrics.Runs;

/// <summary>What `gan translate` is asked: the images, where the outputs go, and how the inputs are read.</summary>
/// <param name="MakeInput">read the images as targets and make the inputs with the run's pair maker (a photo → its edges → G's drawing of it)</param>
/// <param name="Direction">a2b, or b2a for CycleGAN's second generator</param>
/// <param name="Resize">the centre square at the run's side, as its training data, instead of the image at its own size</param>
public sealed record TranslateRequest(string Input, string Output, bool MakeInput = false, string Direction = "a2b", bool Resize = false, string Checkpoint = "last");

/// <summary>
/// `gan translate` and `gan upscale`: a translation run's generator applied to image files, each
/// decoded at its own size (transparency on the run's background) in the channels the generator
/// reads, and run in overlapping tiles (<see cref="Tiling"/>): tiles of the training side for
/// pix2pix and CycleGAN, whose networks and norms were fitted to it, and larger ones for SRGAN's
/// fully convolutional SRResNet, with a margin of its whole receptive radius so the seams vanish.
/// Outputs keep the inputs' relative paths, as PNG.
/// </summary>
public static class RunTranslation
{
    public static int Translate(string runFolder, TranslateRequest r, Action<string> say)
    {
        using var sampler = new RunSampler(runFolder, r.Checkpoint);
        var config = sampler.Config;
        if (sampler.Recipe is Srgan) throw new GanSharpException($"{runFolder} is an SRGAN run: upscale images with gan upscale {runFolder} IMAGE|FOLDER");
        var o = config.Options as IPairedOptions
            ?? throw new GanSharpException($"{runFolder} is a {config.Family} run; gan translate needs a run that translates images (pix2pix, cyclegan)");
        var backwards = r.Direction switch
        {
            "a2b" => false,
            "b2a" => sampler.Recipe is CycleGan ? true : throw new GanSharpException($"--direction b2a needs CycleGAN's second generator; {runFolder} is a {config.Family} run, which translates one way"),
            _ => throw new GanSharpException($"--direction must be a2b or b2a, got '{r.Direction}'"),
        };
        var maker = r.MakeInput ? (PairedData.IsMade(config.Trainer.Pairs) ? PairMaker.Named(config.Trainer.Pairs)
            : throw new GanSharpException($"--make-input applies the run's pair maker, but {runFolder} trained on --pairs {config.Trainer.Pairs}, which reads its inputs from files")) : null;
        if (maker is not null && backwards) throw new GanSharpException("--make-input makes domain-A inputs; it does not go with --direction b2a");
        int side = config.Options.Resolution;
        int channels = maker is not null || backwards ? config.Options.Channels : o.InputChannels;
        Func<Tensor, Tensor> g = backwards ? ((CycleGan)sampler.Recipe).SampleBackwards : sampler.SampleLatents;
        using var stream = Seeding.Generator(config.Trainer.Seed, "translate");
        Tensor Network(Tensor image)
        {
            var x = maker is null ? image : maker.Input(image, stream);
            return x.shape[^1] == side && x.shape[^2] == side ? g(x).cpu() : Tiling.Apply(g, x, tile: side, margin: side / 8);
        }
        int n = Apply(sampler, r.Input, r.Output, channels, r.Resize ? side : null, Network);
        say($"translated {n:N0} image{(n == 1 ? "" : "s")} {(backwards ? "B → A" : "A → B")} with {runFolder} at step {sampler.Step} ({(r.Resize ? $"centre squares at {side}×{side}" : $"each at its size, in tiles of {side}×{side}")}) into {r.Output}");
        return n;
    }

    public static int Upscale(string runFolder, string input, string output, string checkpoint, Action<string> say)
    {
        using var sampler = new RunSampler(runFolder, checkpoint);
        var srgan = sampler.Recipe as Srgan
            ?? throw new GanSharpException($"{runFolder} is a {sampler.Config.Family} run; gan upscale needs an SRGAN run (gan translate runs pix2pix and CycleGAN)");
        var o = srgan.Options;
        int margin = SrResNet.ReceptiveRadius(o.ResidualBlocks, o.Factor);
        int n = Apply(sampler, input, output, o.Channels, resize: null,
            image => Tiling.Apply(srgan.Sample, image, tile: Math.Max(4 * margin, 64), margin: margin, factor: o.Factor));
        say($"upscaled {n:N0} image{(n == 1 ? "" : "s")} ×{o.Factor} with {runFolder} at step {sampler.Step} into {output}");
        return n;
    }

    /// <summary>Decodes every image of <paramref name="input"/> (a file or a folder, recursively), runs it through <paramref name="network"/> and writes the PNGs.</summary>
    private static int Apply(RunSampler sampler, string input, string output, int channels, int? resize, Func<Tensor, Tensor> network)
    {
        var background = sampler.Config.Trainer.BackgroundColour();
        string root = Directory.Exists(input) ? input : Path.GetDirectoryName(Path.GetFullPath(input))!;
        var files = Directory.Exists(input) ? ImageFolder.ListImages(input)
            : File.Exists(input) ? new List<string> { input } : throw new GanSharpException($"{input}: no such image or folder");
        foreach (var file in files)
        {
            using var scope = NewDisposeScope();
            var decoded = resize is int side ? ImageDecoder.Decode(file, side, channels, background) : ImageDecoder.DecodeNative(file, channels, background);
            long h = resize ?? decoded.Height, w = resize ?? decoded.Width;
            var x = tensor(decoded.Pixels, new long[] { 1, channels, h, w }, ScalarType.Byte).to_type(ScalarType.Float32).div(127.5f).sub(1f);
            string target = Path.Combine(output, Path.ChangeExtension(Path.GetRelativePath(root, file), ".png"));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            ImageGrid.Save(network(x), target, columns: 1, padding: 0);
        }
        return files.Count;
    }
}
