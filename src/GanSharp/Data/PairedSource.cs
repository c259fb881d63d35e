using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// Paired samples (pix2pix's input and target, SRGAN's low and high resolution): sample i of the
/// inputs goes with sample i of the targets, so one stream and
/// one permutation serve both; the pair arrives as <see cref="Batch.X"/> and <see cref="Batch.Y"/>.
/// </summary>
public sealed class PairedSource : IDataSource
{
    private readonly IDataSource inputs, targets;

    public PairedSource(IDataSource inputs, IDataSource targets)
    {
        if (inputs.Count != targets.Count)
            throw new GanSharpException($"paired data needs as many targets as inputs: {inputs.Description} has {inputs.Count:N0}, {targets.Description} has {targets.Count:N0}");
        (this.inputs, this.targets) = (inputs, targets);
    }

    public long Count => inputs.Count;
    public DataShape Shape => inputs.Shape;
    public DataShape? TargetShape => targets.Shape;
    public string Description => $"pairs of {inputs.Description} and {targets.Description}";

    public Batch Read(Tensor indices)
    {
        var x = inputs.Read(indices);
        return x with { Y = targets.Read(indices).X };
    }

    public void Dispose()
    {
        inputs.Dispose();
        targets.Dispose();
    }
}
