using static TorchSharp.torch;

namespace GanSharp.Features;

/// <summary>What every feature network's Extract does: features and class probabilities in float64, batch by batch, in eval mode without gradients.</summary>
internal static class BatchedExtraction
{
    public static (Tensor Features, Tensor Probabilities) Run(nn.Module network, Tensor inputs, int batchSize, Func<Tensor, Tensor> features, Func<Tensor, Tensor> logits)
    {
        network.eval();
        using var _ = no_grad();
        var f = new List<Tensor>();
        var p = new List<Tensor>();
        for (long start = 0; start < inputs.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = features(inputs.narrow(0, start, Math.Min(batchSize, inputs.shape[0] - start)));
            f.Add(batch.to_type(ScalarType.Float64).MoveToOuterDisposeScope());
            p.Add(logits(batch).to_type(ScalarType.Float64).softmax(1).MoveToOuterDisposeScope());
        }
        return (cat(f, 0), cat(p, 0));
    }
}
