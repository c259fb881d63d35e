using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// A finite data set read by index: its size, the shape of its samples and where it came from.
/// <see cref="Read"/> gives the samples at the indices as a <see cref="Batch"/> on the CPU;
/// samplers (<see cref="BatchSampler"/>) choose the indices and move batches to the device.
/// </summary>
public interface IDataSource : IDisposable
{
    long Count { get; }

    /// <summary>The shape of <see cref="Batch.X"/>'s samples.</summary>
    DataShape Shape { get; }

    /// <summary>The shape of <see cref="Batch.Y"/>'s samples for paired sets; null when there is no Y.</summary>
    DataShape? TargetShape => null;

    /// <summary>Where the data came from, in words the command prints.</summary>
    string Description { get; }

    /// <summary>The samples at <paramref name="indices"/> (int64, (B)), on the CPU.</summary>
    Batch Read(Tensor indices);
}
