using GanSharp.Runtime;
using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// An endless stream of fresh samples from a toy distribution: batch b is drawn with a generator
/// seeded from (seed, b), so the batch index alone fixes the data and resume is exact.
/// (Epoch is always 0; BatchInEpoch counts batches.)
/// </summary>
public sealed class ToyBatches(ToyDistribution distribution, int batchSize, long seed, Device device) : IBatches
{
    public int BatchSize { get; } = batchSize > 0 ? batchSize : throw new GanSharpException($"--batch-size must be positive, got {batchSize}");
    public long Epoch => 0;
    public long BatchInEpoch { get; private set; }
    public ToyDistribution Distribution => distribution;
    public DataShape Shape { get; } = DataShape.Points(distribution.Dimension);
    public IReadOnlyList<StreamPosition> Positions => new[] { new StreamPosition(StreamName, 0, BatchInEpoch) };

    private const string StreamName = "toy";

    public Batch Next()
    {
        using var g = Seeding.Generator(seed, $"toy/{BatchInEpoch++}");
        var points = distribution.Sample(BatchSize, g);
        return new Batch(points.device == device ? points : points.to(device));
    }

    public void Seek(long epoch, long batchInEpoch) => BatchInEpoch = batchInEpoch;

    public void Seek(IReadOnlyList<StreamPosition> positions) => BatchInEpoch = StreamPositions.Single(positions, StreamName).BatchInEpoch;

    public void Dispose() { }
}
