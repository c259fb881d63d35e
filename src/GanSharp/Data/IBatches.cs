namespace GanSharp.Data;

/// <summary>
/// Where training batches come from: one or several streams (unpaired domains have one each),
/// each at a position (epoch, batch) that fully determines what it gives next, so a resumed run
/// sees the same data. Image data sets and toy distributions alike.
/// </summary>
public interface IBatches : IDisposable
{
    int BatchSize { get; }

    /// <summary>The shape of <see cref="Batch.X"/>'s samples as delivered (after resizing).</summary>
    DataShape Shape { get; }

    /// <summary>The shape of <see cref="Batch.Y"/>'s samples, or null when batches have no Y.</summary>
    DataShape? TargetShape => null;

    /// <summary>Epoch of the first stream (for --epochs and progress).</summary>
    long Epoch { get; }

    /// <summary>Batches of the current epoch the first stream has given.</summary>
    long BatchInEpoch { get; }

    /// <summary>The next batch on the run's device.</summary>
    Batch Next();

    /// <summary>Where each stream stands, by name, for checkpoints.</summary>
    IReadOnlyList<StreamPosition> Positions { get; }

    /// <summary>Moves every stream to a saved position; names must match.</summary>
    void Seek(IReadOnlyList<StreamPosition> positions);
}

/// <summary>Where one named data stream stands: its epoch and the batches of that epoch already given.</summary>
public sealed record StreamPosition(string Name, long Epoch, long BatchInEpoch);

/// <summary>Checks of saved positions against the streams that read them.</summary>
public static class StreamPositions
{
    /// <summary>The single position of a one-stream source, or an error naming what the checkpoint held.</summary>
    public static StreamPosition Single(IReadOnlyList<StreamPosition> positions, string name)
    {
        if (positions.Count != 1 || positions[0].Name != name)
            throw new GanSharpException($"the checkpoint holds data streams [{string.Join(", ", positions.Select(p => p.Name))}]; this run reads one stream '{name}'");
        return positions[0];
    }
}
