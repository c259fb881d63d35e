using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Bench;

/// <summary>
/// What a bare TorchSharp loop writes for its data: consecutive batches of an image tensor,
/// resized bilinearly to the side when it differs (as BatchSampler.Resize, written with TorchSharp alone).
/// </summary>
internal sealed class BareBatches(Tensor images, int batchSize, int resolution, long start = 0, Tensor? labels = null)
{
    private long cursor = start;

    public Tensor Next() => NextWithLabels().Images;

    /// <summary>The next batch and its labels (null without).</summary>
    public (Tensor Images, Tensor? Labels) NextWithLabels()
    {
        long at = cursor % (images.shape[0] - batchSize);
        cursor += batchSize;
        var real = images.narrow(0, at, batchSize);
        var resized = real.shape[^1] == resolution ? real : interpolate(real, new long[] { resolution, resolution }, mode: InterpolationMode.Bilinear, align_corners: false);
        return (resized, labels?.narrow(0, at, batchSize));
    }
}
