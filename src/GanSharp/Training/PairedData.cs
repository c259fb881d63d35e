using GanSharp.Data;
using GanSharp.Data.Pairs;
using GanSharp.Data.Sources;
using GanSharp.Runtime;
using static TorchSharp.torch;

namespace GanSharp.Training;

/// <summary>
/// Paired batches with what a run shows and counts of them: a sentence, the pairs per epoch, fixed
/// examples (the first n, centre-cropped) of the held-out part with --hold-out, of the training
/// data without, and whether they are held out.
/// </summary>
public sealed record PairedBatches(IBatches Batches, string Description, long Count, Func<int, Batch> Examples, bool HeldOut, long ExampleCount);

/// <summary>
/// The batches `--pairs` asks for: pairs read from image files (by name, side by side), two
/// unpaired domains with a stream each, or pairs made from each image — of a folder or of an IDX
/// set — after its crops and flips.
/// </summary>
public static class PairedData
{
    /// <summary>The made-pair kinds, which also apply to IDX sets (the others read files).</summary>
    public static bool IsMade(string pairs) => PairMaker.Kinds.Contains(pairs);

    /// <summary>Pairs at the run's <paramref name="side"/> (targets; made low-resolution inputs are smaller) from an image folder, or from <paramref name="idx"/> for made pairs.</summary>
    public static PairedBatches Open(TrainerOptions t, int side, int batchSize, Device device, Action<string> say, ImageDataset? idx = null)
    {
        var augment = CropFlip.Named(t.Augment, side);
        var centre = new CropFlip(side, RandomCrop: false, Flip: false);
        BatchSampler Sampler(IDataSource source, string name = BatchSampler.MainStream) => idx is null
            ? new(source, batchSize, t.Seed, device, name: name, augment: augment)
            : new(source, batchSize, t.Seed, device, resolution: side == source.Shape.Size[0] ? null : side, name: name);
        Batch First(IDataSource source, int n)
        {
            var read = source.Read(arange(Math.Min(n, source.Count)));
            return idx is null ? centre.Apply(read, generator: null)
                : read with { X = read.X.shape[^1] == side ? read.X : BatchSampler.Resize(read.X, side) };
        }
        if (idx is not null && !IsMade(t.Pairs))
            throw new GanSharpException($"--pairs {t.Pairs} reads image files; an IDX set pairs only by a maker ({string.Join(", ", PairMaker.Kinds)})");
        var options = idx is null ? t.FolderOptions(CropFlip.StoredSide(augment, side)) : null;
        // with --hold-out, training reads one part of each source and the examples come from the other
        (IDataSource Train, IDataSource Shown) Part(IDataSource source)
        {
            if (t.HoldOut <= 0) return (source, source);
            var (train, heldOut) = SubsetSource.Split(source, t.HoldOut, t.Seed);
            return (train, heldOut);
        }
        bool held = t.HoldOut > 0;
        string folder = idx is null ? t.ImageFolderPath() : "";
        switch (t.Pairs)
        {
            case "by-name":
                return FromFiles(PairedFolders.ByName(folder, t.DataB!, options!, say));
            case "side-by-side":
                return FromFiles(PairedFolders.SideBySide(folder, options!));
            case "unpaired":
                var (a, shownA) = Part(ImageFolder.Load(folder, options!));
                var (b, shownB) = Part(ImageFolder.Load(t.DataB!, options! with { Labels = false }));
                return new(new UnpairedBatches(Sampler(a, "domain-a"), Sampler(b, "domain-b")), $"unpaired domains A: {a.Description} and B: {b.Description}",
                    Math.Max(a.Count, b.Count), n => First(shownA, n) with { Y = First(shownB, n).X }, held, Math.Min(shownA.Count, shownB.Count));
            case "none":
                throw new ArgumentException("--pairs none: single images, not pairs");
            default:
                var maker = PairMaker.Named(t.Pairs);
                var (images, shown) = Part(idx is not null ? idx : ImageFolder.Load(folder, options!));
                Batch Made(int n)
                {
                    var target = First(shown, n);
                    using var g = Seeding.Generator(t.Seed, "examples");
                    return target with { X = maker.Input(target.X, g), Y = target.X };
                }
                return new(new MadePairs(Sampler(images), maker, t.Seed), $"pairs made by {t.Pairs} from {images.Description}", images.Count, Made, held, shown.Count);
        }

        PairedBatches FromFiles(IDataSource pairs)
        {
            var (train, shown) = Part(pairs);
            return new(Sampler(train), train.Description, train.Count, n => First(shown, n), held, shown.Count);
        }
    }
}
