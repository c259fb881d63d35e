using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// One stream of mini-batches from a data source, in a seeded permutation that changes every
/// epoch (epoch e uses a generator seeded from (seed, name, e)), so the position (epoch, batch)
/// fully determines what comes next and a resumed run sees the same batches. Two streams of
/// different names over two sources are independent (unpaired domains). The last incomplete
/// batch of an epoch is dropped. Optionally resizes images to a square resolution (bilinear),
/// for 64×64 networks on 28×28 data.
/// </summary>
public sealed class BatchSampler : IBatches
{
    /// <summary>The name of a run's main stream; its seeds are those of every run before streams had names.</summary>
    public const string MainStream = "batches";

    private readonly IDataSource data;
    private readonly long seed;
    private readonly int? resolution;
    private readonly Device device;
    private readonly string name;
    private readonly IBatchAugmentation? augment;
    private Tensor? permutation;

    public int BatchSize { get; }
    public long BatchesPerEpoch { get; }
    public long Epoch { get; private set; }
    public long BatchInEpoch { get; private set; }
    public DataShape Shape { get; }
    public DataShape? TargetShape { get; }
    public IReadOnlyList<StreamPosition> Positions => new[] { new StreamPosition(name, Epoch, BatchInEpoch) };

    /// <param name="augment">crops and flips (or turns) of every batch, seeded by its position; null for none</param>
    public BatchSampler(IDataSource data, int batchSize, long seed, Device device, int? resolution = null, string name = MainStream, IBatchAugmentation? augment = null)
    {
        if (batchSize <= 0) throw new GanSharpException($"--batch-size must be positive, got {batchSize}");
        if (data.Count < batchSize)
            throw new GanSharpException($"the data set has {data.Count} images, fewer than one batch of {batchSize}");
        this.data = data;
        this.seed = seed;
        this.device = device;
        this.resolution = resolution;
        this.name = name;
        this.augment = augment;
        BatchSize = batchSize;
        BatchesPerEpoch = data.Count / batchSize;
        int? side = augment?.OutputSide ?? resolution;
        Shape = side is int r ? data.Shape.Resized(r) : data.Shape;
        TargetShape = side is int t ? data.TargetShape?.Resized(t) : data.TargetShape;
    }

    /// <summary>Moves to a saved position (from a checkpoint).</summary>
    public void Seek(long epoch, long batchInEpoch)
    {
        if (epoch < 0 || batchInEpoch < 0 || batchInEpoch > BatchesPerEpoch)
            throw new GanSharpException($"the checkpoint's position (epoch {epoch}, batch {batchInEpoch}) of stream '{name}' lies outside the data's {BatchesPerEpoch:N0} batches per epoch");
        Epoch = epoch;
        BatchInEpoch = batchInEpoch;
        permutation?.Dispose();
        permutation = null;
    }

    public void Seek(IReadOnlyList<StreamPosition> positions)
    {
        var p = StreamPositions.Single(positions, name);
        Seek(p.Epoch, p.BatchInEpoch);
    }

    /// <summary>The next batch, (B, C, H, W) images (and labels, targets) on the run's device.</summary>
    public Batch Next()
    {
        if (BatchInEpoch == BatchesPerEpoch) { Epoch++; BatchInEpoch = 0; permutation?.Dispose(); permutation = null; }
        if (permutation is null)
        {
            using var g = Seeding.Generator(seed, $"{name}/epoch-{Epoch}");
            // Lives across steps, so it must not belong to the trainer's per-step dispose scope.
            permutation = torch.randperm(data.Count, generator: g).DetachFromDisposeScope();
        }
        using var idx = permutation.narrow(0, BatchInEpoch * BatchSize, BatchSize);
        var batch = data.Read(idx);
        if (resolution is int r) batch = batch with { X = ResizeIfNeeded(batch.X, r), Y = batch.Y is null ? null : ResizeIfNeeded(batch.Y, r) };
        if (augment is not null)
        {
            using var g = Seeding.Generator(seed, $"{name}/augment/epoch-{Epoch}/batch-{BatchInEpoch}");
            batch = augment.Apply(batch, g);
        }
        BatchInEpoch++;
        return batch.To(device);
    }

    private static Tensor ResizeIfNeeded(Tensor images, int r) => images.shape[^1] == r && images.shape[^2] == r ? images : Resize(images, r);

    /// <summary>Bilinear resize of (B, C, H, W) images to r×r: how 28×28 data feeds 64×64 networks.</summary>
    public static Tensor Resize(Tensor images, int r) =>
        nn.functional.interpolate(images, new long[] { r, r }, mode: InterpolationMode.Bilinear, align_corners: false);

    public void Dispose() => permutation?.Dispose();
}
