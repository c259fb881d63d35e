using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// A change made to every training batch, drawn from a generator the sampler seeds by the batch's
/// position (stream, epoch, batch), so a resumed run sees the same batches.
/// </summary>
public interface IBatchAugmentation
{
    /// <summary>The side of what comes out when it differs from what goes in (a crop); null when the shape is kept.</summary>
    int? OutputSide { get; }

    Batch Apply(Batch batch, Generator? generator);
}
