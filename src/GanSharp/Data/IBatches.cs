using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// Where real batches come from, at a position (epoch, batch) that fully determines what comes
/// next, so a resumed run sees the same data: image data sets and toy distributions alike.
/// </summary>
public interface IBatches : IDisposable
{
    int BatchSize { get; }
    long Epoch { get; }
    long BatchInEpoch { get; }

    /// <summary>The next real batch on the run's device.</summary>
    Tensor Next();

    /// <summary>Class labels (B) of the batch <see cref="Next"/> returned last, on the run's device; null when the data has none.</summary>
    Tensor? LastLabels => null;

    /// <summary>Moves to a saved position (from a checkpoint).</summary>
    void Seek(long epoch, long batchInEpoch);
}
