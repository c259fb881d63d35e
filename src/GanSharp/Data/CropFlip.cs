using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// Data augmentation of a batch, drawn from a generator the sampler seeds by the batch's position
/// (stream, epoch, batch), so a resumed run sees the same crops and flips: a random
/// <see cref="Side"/>×<see cref="Side"/> crop of each larger square image (the centre without
/// <see cref="RandomCrop"/>) and a horizontal flip with probability ½ (with <see cref="Flip"/>).
/// A paired target gets the same crop and flip as its input, so pairs stay aligned.
/// </summary>
public sealed record CropFlip(int Side, bool RandomCrop, bool Flip) : IBatchAugmentation
{
    public int? OutputSide => Side;

    /// <summary>What `--augment` names: none, flip, crop, crop-flip.</summary>
    public static IReadOnlyList<string> Kinds { get; } = new[] { "none", "flip", "crop", "crop-flip" };

    /// <summary>The augmentation `--augment` names for images of the run's side; null for none.</summary>
    public static CropFlip? Named(string kind, int side) => kind switch
    {
        "none" => null,
        "flip" => new CropFlip(side, false, true),
        "crop" => new CropFlip(side, true, false),
        "crop-flip" => new CropFlip(side, true, true),
        _ => throw new GanSharpException($"--augment '{kind}' is not known; valid values: {string.Join(", ", Kinds)}"),
    };

    /// <summary>The side images are stored at for this augmentation: 12.5% larger than the run's for random crops (as pix2pix loads 286 for 256).</summary>
    public static int StoredSide(CropFlip? augment, int side) => augment is { RandomCrop: true } ? side + Math.Max(2, side / 8) : side;

    /// <summary>The batch cropped and flipped; <paramref name="generator"/> may be null when nothing is random (a centre crop).</summary>
    public Batch Apply(Batch batch, Generator? generator)
    {
        long n = batch.X.shape[0], stored = batch.X.shape[^1];
        long room = stored - Side;
        if (room < 0) throw new GanSharpException($"images of {stored} pixels cannot be cropped to {Side}");
        var g = RandomCrop && room > 0 || Flip ? generator ?? throw new ArgumentNullException(nameof(generator), "random crops and flips need a generator") : null;
        var offsets = RandomCrop && room > 0 ? randint(room + 1, new long[] { n, 2 }, generator: g).data<long>().ToArray() : null;
        var flips = Flip ? (rand(new long[] { n }, generator: g) < 0.5).data<bool>().ToArray() : null;
        Tensor Each(Tensor images)
        {
            var parts = new Tensor[n];
            for (long i = 0; i < n; i++)
            {
                long top = offsets is null ? room / 2 : offsets[2 * i], left = offsets is null ? room / 2 : offsets[2 * i + 1];
                var crop = images.narrow(0, i, 1).narrow(2, top, Side).narrow(3, left, Side);
                parts[i] = flips is not null && flips[i] ? crop.flip(3) : crop;
            }
            return cat(parts, 0);
        }
        return batch with { X = Each(batch.X), Y = batch.Y is { } y && y.shape[^1] == stored ? Each(y) : batch.Y };
    }
}
