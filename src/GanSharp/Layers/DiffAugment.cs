using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Layers;

/// <summary>
/// Differentiable augmentation (Zhao et al. 2020, DiffAugment): the same kinds of random transforms
/// applied to every image D sees, real and generated, and differentiable so G's gradient passes
/// through them. D never sees an un-augmented image, so it cannot memorise a small data set, and
/// because fakes are augmented too G is not pushed to draw the augmentations. Parameters are drawn per
/// image from an injected stream (resume is exact). Images are in [−1, 1], (N, C, H, W).
/// <list type="bullet">
/// <item>color: brightness + U(−0.5, 0.5), saturation × U(0, 2) around the channel mean, contrast × U(0.5, 1.5) around the image mean;</item>
/// <item>translation: an integer shift of up to ⅛ of the side in each direction, zeros shifted in;</item>
/// <item>cutout: a square of half the side at a random place set to 0.</item>
/// </list>
/// </summary>
public static class DiffAugment
{
    /// <summary>The transforms --diff-augment accepts, in the order they are applied.</summary>
    public static IReadOnlyList<string> Kinds { get; } = new[] { "color", "translation", "cutout" };

    /// <summary>The list of a --diff-augment value: "none", or kinds joined by commas; an unknown kind is refused.</summary>
    public static IReadOnlyList<string> Parse(string policy)
    {
        if (policy == "none") return Array.Empty<string>();
        var kinds = policy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var k in kinds)
            if (!Kinds.Contains(k)) throw new GanSharpException($"--diff-augment '{k}' is not known; valid values: none, or any of {string.Join(", ", Kinds)} joined by commas");
        if (kinds.Length == 0) throw new GanSharpException("--diff-augment is empty; give none, or kinds such as color,translation,cutout");
        return Kinds.Where(kinds.Contains).ToArray();
    }

    /// <summary>x with the kinds applied, parameters drawn from <paramref name="g"/> (the input itself when there are none).</summary>
    public static Tensor Apply(Tensor x, IReadOnlyList<string> kinds, Generator g)
    {
        foreach (var kind in kinds)
            x = kind switch
            {
                "color" => Color(x, g),
                "translation" => Translate(x, Offsets(x, 8, g)),
                "cutout" => Cutout(x, Centres(x, g), x.shape[2] / 2),
                _ => throw new ArgumentException(kind),
            };
        return x;
    }

    private static Tensor Uniform(Tensor x, Generator g, double low, double high) =>
        (rand(new long[] { x.shape[0], 1, 1, 1 }, generator: g) * (high - low) + low).to(x.device);

    private static Tensor Color(Tensor x, Generator g)
    {
        x = x + Uniform(x, g, -0.5, 0.5);
        var channelMean = x.mean(new long[] { 1 }, keepdim: true);
        x = (x - channelMean) * Uniform(x, g, 0, 2) + channelMean;
        var imageMean = x.mean(new long[] { 1, 2, 3 }, keepdim: true);
        return (x - imageMean) * Uniform(x, g, 0.5, 1.5) + imageMean;
    }

    /// <summary>Integer shifts (N, 2) as (dy, dx), each in [−side/fraction, side/fraction].</summary>
    private static Tensor Offsets(Tensor x, int fraction, Generator g)
    {
        long sy = x.shape[2] / fraction, sx = x.shape[3] / fraction;
        var dy = randint(-sy, sy + 1, new long[] { x.shape[0] }, generator: g);
        var dx = randint(-sx, sx + 1, new long[] { x.shape[0] }, generator: g);
        return stack(new[] { dy, dx }, 1);
    }

    /// <summary>
    /// Each image shifted by its (dy, dx) pixels, zeros where nothing was shifted in: out[y, x] = in[y − dy, x − dx].
    /// A gather over an index grid, so the gradient reaches every input pixel that is shown.
    /// </summary>
    public static Tensor Translate(Tensor x, Tensor offsets)
    {
        long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        var dev = x.device;
        var dy = offsets.select(1, 0).to(dev).view(n, 1, 1);
        var dx = offsets.select(1, 1).to(dev).view(n, 1, 1);
        var ys = arange(h, device: dev).view(1, h, 1) - dy;                         // (N, H, 1) source rows
        var xs = arange(w, device: dev).view(1, 1, w) - dx;                         // (N, 1, W) source columns
        var inside = ((ys >= 0) & (ys < h)) & ((xs >= 0) & (xs < w));              // (N, H, W)
        var index = (ys.clamp(0, h - 1) * w + xs.clamp(0, w - 1)).view(n, 1, h * w).expand(n, c, h * w);
        var moved = x.reshape(n, c, h * w).gather(2, index).view(n, c, h, w);
        return moved * inside.unsqueeze(1).to_type(x.dtype);
    }

    /// <summary>Cutout centres (N, 2) as (y, x), uniform over the image.</summary>
    private static Tensor Centres(Tensor x, Generator g) =>
        stack(new[] { randint(0, x.shape[2], new long[] { x.shape[0] }, generator: g), randint(0, x.shape[3], new long[] { x.shape[0] }, generator: g) }, 1);

    /// <summary>Each image with the size × size square centred on its (y, x) set to 0 (clipped at the border).</summary>
    public static Tensor Cutout(Tensor x, Tensor centres, long size)
    {
        long n = x.shape[0], h = x.shape[2], w = x.shape[3];
        var dev = x.device;
        var top = centres.select(1, 0).to(dev).view(n, 1, 1) - size / 2;
        var left = centres.select(1, 1).to(dev).view(n, 1, 1) - size / 2;
        var ys = arange(h, device: dev).view(1, h, 1);
        var xs = arange(w, device: dev).view(1, 1, w);
        var cut = (ys >= top) & (ys < top + size) & (xs >= left) & (xs < left + size);   // (N, H, W)
        return x * (~cut).unsqueeze(1).to_type(x.dtype);
    }
}
