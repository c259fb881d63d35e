using static TorchSharp.torch;

namespace GanSharp.Imaging;

/// <summary>
/// A translator applied to an image of any size in fixed square windows: the image is padded by
/// <c>margin</c> (replicating its border), cut into <c>tile</c>×<c>tile</c> windows that overlap by
/// 2·margin, each window goes through the network (in batches), and the centre of each output,
/// without its margin, is pasted in place. With a margin at least the network's receptive radius the
/// interior equals one pass over the whole image; memory stays that of a batch of tiles. U-Nets need
/// the tile to be their training side; fully convolutional networks take any.
/// </summary>
public static class Tiling
{
    /// <summary>image (1, C, H, W) → the network's output (1, C', factor·H, factor·W).</summary>
    public static Tensor Apply(Func<Tensor, Tensor> network, Tensor image, int tile, int margin, int factor = 1, int batchSize = 16)
    {
        if (image.dim() != 4 || image.shape[0] != 1) throw new ArgumentException($"one image (1, C, H, W), got ({string.Join(", ", image.shape)})");
        int step = tile - 2 * margin;
        if (margin < 0 || step < 1) throw new ArgumentException($"a tile of {tile} leaves no centre with a margin of {margin}");
        long h = image.shape[2], w = image.shape[3];
        long rows = (h + step - 1) / step, columns = (w + step - 1) / step;
        // replicate the border: the margin around the image, and up to a whole number of steps
        var padded = nn.functional.pad(image, new long[] { margin, margin + columns * step - w, margin, margin + rows * step - h }, TorchSharp.PaddingModes.Replicate);
        var windows = new List<(long Row, long Column)>();
        for (long r = 0; r < rows; r++)
            for (long c = 0; c < columns; c++) windows.Add((r, c));
        Tensor? output = null;
        for (int start = 0; start < windows.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var part = windows.Skip(start).Take(batchSize).ToList();
            var batch = cat(part.Select(p => padded.narrow(2, p.Row * step, tile).narrow(3, p.Column * step, tile)).ToArray(), 0);
            var result = network(batch).cpu();
            if (output is null)
            {
                output = zeros(new long[] { 1, result.shape[1], rows * step * factor, columns * step * factor }, result.dtype);
                output.DetachFromDisposeScope();
            }
            for (int i = 0; i < part.Count; i++)
                output.narrow(2, part[i].Row * step * factor, step * factor).narrow(3, part[i].Column * step * factor, step * factor)
                    .copy_(result.narrow(0, i, 1).narrow(2, margin * factor, step * factor).narrow(3, margin * factor, step * factor));
        }
        using (output)
            return output!.narrow(2, 0, h * factor).narrow(3, 0, w * factor).clone();
    }
}
