using GanSharp.Runtime;

namespace GanSharp.Data.Pairs;

/// <summary>
/// Batches of made pairs: each batch of the inner stream (after its crops and flips) becomes the
/// target Y, and the <see cref="PairMaker"/>'s function of it the input X. A random maker (masks)
/// draws from a generator seeded by the batch's position, so resume sees the same inputs.
/// </summary>
public sealed class MadePairs : IBatches
{
    private readonly IBatches inner;
    private readonly PairMaker maker;
    private readonly long seed;
    private readonly string name;

    public MadePairs(IBatches inner, PairMaker maker, long seed, string name = BatchSampler.MainStream)
    {
        if (inner.TargetShape is not null) throw new GanSharpException("pairs are made from single images; this data already comes in pairs");
        (this.inner, this.maker, this.seed, this.name) = (inner, maker, seed, name);
        Shape = maker.InputShape(inner.Shape);
    }

    public int BatchSize => inner.BatchSize;
    public DataShape Shape { get; }
    public DataShape? TargetShape => inner.Shape;
    public long Epoch => inner.Epoch;
    public long BatchInEpoch => inner.BatchInEpoch;
    public IReadOnlyList<StreamPosition> Positions => inner.Positions;

    public Batch Next()
    {
        var target = inner.Next();
        using var g = maker.IsRandom ? Seeding.Generator(seed, $"{name}/pairs/epoch-{inner.Epoch}/batch-{inner.BatchInEpoch - 1}") : null;
        return target with { X = maker.Input(target.X, g), Y = target.X };
    }

    public void Seek(IReadOnlyList<StreamPosition> positions) => inner.Seek(positions);

    public void Dispose() => inner.Dispose();
}
