using static TorchSharp.torch;

namespace GanSharp.Layers;

/// <summary>
/// Minibatch standard deviation (Karras et al. 2018, ProGAN): the standard deviation of each
/// feature over a group of samples, averaged to one number per group, appended as an extra
/// channel (4-D input) or feature (2-D input). A cheap, parameter-free relative of minibatch
/// discrimination. Groups of <see cref="GroupSize"/> samples (the whole batch if it does not divide).
/// </summary>
public sealed class MinibatchStdDev(int groupSize = 4) : nn.Module<Tensor, Tensor>(nameof(MinibatchStdDev))
{
    public int GroupSize { get; } = groupSize;

    /// <summary>(N, C, H, W) → (N, C + 1, H, W), or (N, F) → (N, F + 1).</summary>
    public override Tensor forward(Tensor x)
    {
        long n = x.shape[0];
        long g = n % GroupSize == 0 ? Math.Min(GroupSize, n) : n;
        var shape = x.shape;
        var grouped = x.reshape(new long[] { g, n / g }.Concat(shape.Skip(1)).ToArray());      // (G, N/G, …): group members along dim 0
        var centred = grouped - grouped.mean(new long[] { 0 }, keepdim: true);
        var std = (centred.square().mean(new long[] { 0 }) + 1e-8).sqrt();                    // (N/G, …)
        var perGroup = std.reshape(n / g, -1).mean(new long[] { 1 });                          // (N/G)
        var perSample = perGroup.repeat(g);                                                    // sample i belongs to group i mod N/G
        var extra = x.dim() == 4
            ? perSample.view(n, 1, 1, 1).expand(n, 1, shape[2], shape[3])
            : perSample.view(n, 1);
        return cat(new[] { x, extra }, 1);
    }
}
