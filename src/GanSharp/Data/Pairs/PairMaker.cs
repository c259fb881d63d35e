using static TorchSharp.torch;

namespace GanSharp.Data.Pairs;

/// <summary>
/// Makes a paired task out of any image set: the image is the target and a function of it the
/// input — its edges (edges → photo, as pix2pix's edges2shoes), its grey version (colourisation),
/// a smaller copy (SRGAN's low → high resolution) or the image with a hole (inpainting). Applied to
/// every batch after crops and flips, so input and target always match.
/// </summary>
public abstract record PairMaker
{
    /// <summary>What `--pairs` names.</summary>
    public static IReadOnlyList<string> Kinds { get; } = new[] { "edges", "grey", "low-res-2", "low-res-4", "masked" };

    public static PairMaker Named(string kind) => kind switch
    {
        "edges" => new SobelEdges(),
        "grey" => new Greyscale(),
        "low-res-2" => new LowResolution(2),
        "low-res-4" => new LowResolution(4),
        "masked" => new Masked(),
        _ => throw new GanSharpException($"pair maker '{kind}' is not known; valid values: {string.Join(", ", Kinds)}"),
    };

    /// <summary>The shape of the inputs made from targets of this shape.</summary>
    public abstract DataShape InputShape(DataShape target);

    /// <summary>Whether <see cref="Input"/> draws random numbers (then it is given a generator seeded by the batch's position).</summary>
    public virtual bool IsRandom => false;

    /// <summary>The inputs of targets (N, C, S, S) in [−1, 1].</summary>
    public abstract Tensor Input(Tensor target, Generator? generator);

    /// <summary>ITU-R BT.601 luma of (N, 3, H, W) images, (N, 1, H, W); grey images as they are. Linear, so it holds in [−1, 1] as in [0, 255].</summary>
    public static Tensor Luma(Tensor images) => images.shape[1] == 1 ? images
        : images.narrow(1, 0, 1) * 0.299f + images.narrow(1, 1, 1) * 0.587f + images.narrow(1, 2, 1) * 0.114f;
}

/// <summary>Grey → colour: the input is the image's luma, one channel.</summary>
public sealed record Greyscale : PairMaker
{
    public override DataShape InputShape(DataShape target) => target with { Channels = 1 };

    public override Tensor Input(Tensor target, Generator? generator) => Luma(target);
}

/// <summary>
/// Edges → image: the Sobel gradient magnitude of the luma (replicated border, so the frame is no
/// edge), scaled by each image's largest, drawn dark on white as line drawings are: 1 − 2·m/max m.
/// </summary>
public sealed record SobelEdges : PairMaker
{
    public override DataShape InputShape(DataShape target) => target with { Channels = 1 };

    public override Tensor Input(Tensor target, Generator? generator)
    {
        using var scope = NewDisposeScope();
        var y = nn.functional.pad(Luma(target), new long[] { 1, 1, 1, 1 }, TorchSharp.PaddingModes.Replicate);
        var kx = tensor(new float[] { -1, 0, 1, -2, 0, 2, -1, 0, 1 }, new long[] { 1, 1, 3, 3 }, device: target.device);
        var gx = nn.functional.conv2d(y, kx);
        var gy = nn.functional.conv2d(y, kx.transpose(2, 3));
        var magnitude = (gx.square() + gy.square()).sqrt();                                         // (N, 1, H, W)
        var largest = magnitude.amax(new long[] { 1, 2, 3 }, keepdim: true).clamp_min(1e-6f);
        return (1 - 2 * (magnitude / largest)).MoveToOuterDisposeScope();
    }
}

/// <summary>Low → high resolution (SRGAN: bicubic downsampling by r = 4): the input is the image at 1/<see cref="Factor"/> of the side, bicubic with antialiasing.</summary>
public sealed record LowResolution(int Factor) : PairMaker
{
    public override DataShape InputShape(DataShape target)
    {
        if (target.Size.Any(s => s % Factor != 0 || s / Factor < 4))
            throw new GanSharpException($"low-res-{Factor} needs a side divisible by {Factor} that leaves at least 4 pixels; the images are {string.Join('×', target.Size)}");
        return target with { Size = target.Size.Select(s => s / Factor).ToArray() };
    }

    public override Tensor Input(Tensor target, Generator? generator) =>
        nn.functional.interpolate(target, new long[] { target.shape[2] / Factor, target.shape[3] / Factor }, mode: InterpolationMode.Bicubic, align_corners: false, antialias: true)
            .clamp(-1, 1);

    /// <summary>Bicubic upscaling by <paramref name="factor"/>, clamped to [−1, 1]: super-resolution's baseline.</summary>
    public static Tensor Bicubic(Tensor images, int factor) =>
        nn.functional.interpolate(images, new long[] { images.shape[2] * factor, images.shape[3] * factor }, mode: InterpolationMode.Bicubic, align_corners: false)
            .clamp(-1, 1);
}

/// <summary>
/// Masked → whole (inpainting, Pathak et al. 2016's context encoder): a square hole of half the
/// side at a random place, filled with 0 (mid grey in [−1, 1]).
/// </summary>
public sealed record Masked : PairMaker
{
    public override DataShape InputShape(DataShape target) => target;

    public override bool IsRandom => true;

    public override Tensor Input(Tensor target, Generator? generator)
    {
        long n = target.shape[0], h = target.shape[2], w = target.shape[3], hole = Math.Max(1, Math.Min(h, w) / 2);
        var corners = randint(Math.Min(h, w) - hole + 1, new long[] { n, 2 }, generator: generator ?? throw new ArgumentNullException(nameof(generator))).data<long>().ToArray();
        var masked = target.clone();
        for (long i = 0; i < n; i++)
            masked.narrow(0, i, 1).narrow(2, corners[2 * i], hole).narrow(3, corners[2 * i + 1], hole).fill_(0);
        return masked;
    }
}
