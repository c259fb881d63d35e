namespace GanSharp.Data;

/// <summary>
/// Two unpaired domains (CycleGAN's A and B): each draw takes the next batch of each stream,
/// domain A as <see cref="Batch.X"/> (with A's labels) and domain B as <see cref="Batch.Y"/>. The
/// streams have their own seeded permutations and positions, so the domains may differ in size
/// and a resume restores both.
/// </summary>
public sealed class UnpairedBatches : IBatches
{
    private readonly IBatches a, b;

    public UnpairedBatches(IBatches a, IBatches b)
    {
        if (a.BatchSize != b.BatchSize) throw new GanSharpException($"the two domains give batches of {a.BatchSize} and {b.BatchSize}; they must be equal");
        var names = a.Positions.Concat(b.Positions).Select(p => p.Name).ToList();
        if (names.Distinct().Count() != names.Count) throw new GanSharpException($"the two domains' streams need distinct names, got [{string.Join(", ", names)}]");
        (this.a, this.b) = (a, b);
    }

    public int BatchSize => a.BatchSize;
    public DataShape Shape => a.Shape;
    public DataShape? TargetShape => b.Shape;
    public long Epoch => a.Epoch;
    public long BatchInEpoch => a.BatchInEpoch;
    public IReadOnlyList<StreamPosition> Positions => a.Positions.Concat(b.Positions).ToArray();

    public Batch Next()
    {
        var first = a.Next();
        return first with { Y = b.Next().X };
    }

    public void Seek(IReadOnlyList<StreamPosition> positions)
    {
        int na = a.Positions.Count;
        if (positions.Count != na + b.Positions.Count)
            throw new GanSharpException($"the checkpoint holds {positions.Count} data streams; this run reads {na + b.Positions.Count}");
        a.Seek(positions.Take(na).ToArray());
        b.Seek(positions.Skip(na).ToArray());
    }

    public void Dispose()
    {
        a.Dispose();
        b.Dispose();
    }
}
