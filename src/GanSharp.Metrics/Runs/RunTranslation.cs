using GanSharp.Data.Pairs;
using GanSharp.Data.Sources;
using GanSharp.Imaging;
using GanSharp.Recipes.ImageToImage;
using GanSharp.Runtime;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Metrics.Runs;

/// <summary>
/// `gan translate RUN IMAGE|FOLDER --out DIR`: a translation run's generator applied to image files,
/// each decoded as the run's data was (centre square at the run's side, transparency on white) in
/// the channels of the run's inputs — or, with <c>makeInput</c>, read as a target and turned into
/// an input by the run's pair maker first (a photo → its edges → G's drawing of it). Outputs keep
/// the inputs' relative paths, as PNG.
/// </summary>
public static class RunTranslation
{
    public static int Translate(string runFolder, string input, string output, bool makeInput, string checkpoint, Action<string> say)
    {
        using var sampler = new RunSampler(runFolder, checkpoint);
        var o = sampler.Config.Options as IPairedOptions
            ?? throw new GanSharpException($"{runFolder} is a {sampler.Config.Family} run; gan translate needs a run that translates pairs (pix2pix)");
        var trainer = sampler.Config.Trainer;
        var maker = makeInput ? (PairedData.IsMade(trainer.Pairs) ? PairMaker.Named(trainer.Pairs)
            : throw new GanSharpException($"--make-input applies the run's pair maker, but {runFolder} trained on --pairs {trainer.Pairs}, which reads its inputs from files")) : null;
        int side = sampler.Config.Options.Resolution;
        int channels = maker is null ? o.InputChannels : sampler.Config.Options.Channels;
        string root = Directory.Exists(input) ? input : Path.GetDirectoryName(Path.GetFullPath(input))!;
        var files = Directory.Exists(input) ? ImageFolder.ListImages(input)
            : File.Exists(input) ? new List<string> { input } : throw new GanSharpException($"{input}: no such image or folder");
        using var g = Seeding.Generator(trainer.Seed, "translate");
        for (int start = 0; start < files.Count; start += 32)
        {
            using var scope = NewDisposeScope();
            var batch = files.Skip(start).Take(32).ToList();
            var pixels = batch.Select(f => ImageDecoder.Decode(f, side, channels, trainer.BackgroundColour()).Pixels).ToArray();
            var x = stack(pixels.Select(p => tensor(p, new long[] { channels, side, side }, ScalarType.Byte)).ToArray(), 0)
                .to_type(ScalarType.Float32).div(127.5f).sub(1f);
            if (maker is not null) x = maker.Input(x, g);
            var y = sampler.SampleLatents(x).cpu();
            for (int i = 0; i < batch.Count; i++)
            {
                string target = Path.Combine(output, Path.ChangeExtension(Path.GetRelativePath(root, batch[i]), ".png"));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                ImageGrid.Save(y.narrow(0, i, 1), target, columns: 1, padding: 0);
            }
        }
        say($"translated {files.Count:N0} image{(files.Count == 1 ? "" : "s")} with {runFolder} at step {sampler.Step} ({side}×{side}) into {output}");
        return files.Count;
    }
}
