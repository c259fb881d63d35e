using GanSharp.Data;
using GanSharp.Data.Pairs;
using GanSharp.Data.Sources;
using static TorchSharp.torch;

namespace GanSharp.Training;

/// <summary>
/// The batches `--pairs` asks for from image folders: pairs read from files (by name, side by side),
/// two unpaired domains with a stream each, or pairs made from each image after its crops and flips.
/// </summary>
public static class PairedData
{
    /// <summary>Batches at the run's <paramref name="side"/> (targets; made low-resolution inputs are smaller), and a sentence on what they are.</summary>
    public static (IBatches Batches, string Description) Open(TrainerOptions t, int side, int batchSize, Device device, Action<string> say)
    {
        var augment = CropFlip.Named(t.Augment, side);
        var options = t.FolderOptions(CropFlip.StoredSide(augment, side));
        string folder = t.ImageFolderPath();
        BatchSampler Sampler(IDataSource source, string name = BatchSampler.MainStream) => new(source, batchSize, t.Seed, device, name: name, augment: augment);
        switch (t.Pairs)
        {
            case "by-name":
                var byName = PairedFolders.ByName(folder, t.DataB!, options, say);
                return (Sampler(byName), byName.Description);
            case "side-by-side":
                var sideBySide = PairedFolders.SideBySide(folder, options);
                return (Sampler(sideBySide), sideBySide.Description);
            case "unpaired":
                var a = ImageFolder.Load(folder, options);
                var b = ImageFolder.Load(t.DataB!, options with { Labels = false });
                return (new UnpairedBatches(Sampler(a, "domain-a"), Sampler(b, "domain-b")), $"unpaired domains A: {a.Description} and B: {b.Description}");
            case "none":
                throw new ArgumentException("--pairs none: single images, not pairs");
            default:
                var maker = PairMaker.Named(t.Pairs);
                var images = ImageFolder.Load(folder, options);
                return (new MadePairs(Sampler(images), maker, t.Seed), $"pairs made by {t.Pairs} from {images.Description}");
        }
    }
}
