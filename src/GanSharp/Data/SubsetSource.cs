using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// Some of another source's samples, renumbered 0..n−1: the training and held-out parts of a set
/// that comes as one (an image folder). A view: it does not own the source and does not dispose it.
/// </summary>
public sealed class SubsetSource : IDataSource
{
    private readonly IDataSource source;
    private readonly Tensor indices;

    public SubsetSource(IDataSource source, Tensor indices, string part)
    {
        (this.source, this.indices) = (source, indices.to_type(ScalarType.Int64));
        Description = $"{part} of {source.Description}";
    }

    /// <summary>A seeded split into a held-out share and the rest; the same seed, the same split.</summary>
    public static (SubsetSource Train, SubsetSource Test) Split(IDataSource source, double heldOut, long seed)
    {
        if (!(heldOut > 0 && heldOut < 1)) throw new ArgumentOutOfRangeException(nameof(heldOut), heldOut, "the held-out share must lie strictly between 0 and 1");
        using var g = new Generator((ulong)seed);
        using var order = randperm(source.Count, generator: g);
        long test = Math.Max(1, (long)Math.Round(source.Count * heldOut));
        return (new SubsetSource(source, order.narrow(0, test, source.Count - test).clone(), $"{1 - heldOut:P0} training part"),
                new SubsetSource(source, order.narrow(0, 0, test).clone(), $"{heldOut:P0} held-out part"));
    }

    public long Count => indices.shape[0];
    public DataShape Shape => source.Shape;
    public DataShape? TargetShape => source.TargetShape;
    public string Description { get; }

    public Batch Read(Tensor at) => source.Read(indices.index_select(0, at));

    public void Dispose() => indices.Dispose();
}
