using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// Mini-batches of real images from a seeded permutation that changes every epoch (epoch e uses a
/// generator seeded from (seed, e)), so the position (epoch, batch) fully determines what comes
/// next and a resumed run sees the same batches. The last incomplete batch of an epoch is dropped.
/// Optionally upsamples to a larger resolution (bilinear), for 64×64 networks on 28×28 data.
/// </summary>
public sealed class BatchSampler : IBatches
{
    private readonly ImageDataset data;
    private readonly long seed;
    private readonly int? resolution;
    private readonly Device device;
    private Tensor? permutation;

    public int BatchSize { get; }
    public long BatchesPerEpoch { get; }
    public long Epoch { get; private set; }
    public long BatchInEpoch { get; private set; }
    /// <summary>Labels (B) of the last batch, for conditional GANs (they belong to that step's dispose scope).</summary>
    public Tensor? LastLabels { get; private set; }

    public BatchSampler(ImageDataset data, int batchSize, long seed, Device device, int? resolution = null)
    {
        if (batchSize <= 0) throw new GanSharpException($"--batch-size must be positive, got {batchSize}");
        if (data.Count < batchSize)
            throw new GanSharpException($"the data set has {data.Count} images, fewer than one batch of {batchSize}");
        this.data = data;
        this.seed = seed;
        this.device = device;
        this.resolution = resolution;
        BatchSize = batchSize;
        BatchesPerEpoch = data.Count / batchSize;
    }

    /// <summary>Moves to a saved position (from a checkpoint).</summary>
    public void Seek(long epoch, long batchInEpoch)
    {
        Epoch = epoch;
        BatchInEpoch = batchInEpoch;
        permutation?.Dispose();
        permutation = null;
    }

    /// <summary>The next batch of real images, (B, C, H, W) on the run's device.</summary>
    public Tensor Next()
    {
        if (BatchInEpoch == BatchesPerEpoch) { Epoch++; BatchInEpoch = 0; permutation?.Dispose(); permutation = null; }
        if (permutation is null)
        {
            using var g = Seeding.Generator(seed, $"batches/epoch-{Epoch}");
            // Lives across steps, so it must not belong to the trainer's per-step dispose scope.
            permutation = torch.randperm(data.Count, generator: g).DetachFromDisposeScope();
        }
        using var idx = permutation.narrow(0, BatchInEpoch * BatchSize, BatchSize);
        BatchInEpoch++;
        LastLabels = data.Labels.index_select(0, idx).to(device);
        var batch = data.Images.index_select(0, idx);
        if (resolution is int r && r != batch.shape[^1])
        {
            var up = Resize(batch, r);
            batch.Dispose();
            batch = up;
        }
        return batch.device == device ? batch : batch.to(device);
    }

    /// <summary>Bilinear resize of (B, C, H, W) images to r×r: how 28×28 data feeds 64×64 networks.</summary>
    public static Tensor Resize(Tensor images, int r) =>
        nn.functional.interpolate(images, new long[] { r, r }, mode: InterpolationMode.Bilinear, align_corners: false);

    public void Dispose() => permutation?.Dispose();
}
