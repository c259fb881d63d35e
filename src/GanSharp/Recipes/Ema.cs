using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// Exponential moving average of a network's weights (Yazıcı et al. 2019; used by ProGAN and
/// StyleGAN for sampling): after every step θ_ema ← β θ_ema + (1 − β) θ. Buffers (batch-norm
/// statistics, spectral-norm vectors) are copied as they are. The average is its own module,
/// built like the network, so it samples and saves like one.
/// </summary>
public sealed class Ema
{
    private readonly nn.Module source;
    public nn.Module<Tensor, Tensor> Average { get; }
    public double Decay { get; }

    public Ema(nn.Module source, nn.Module<Tensor, Tensor> average, double decay)
    {
        if (decay is < 0 or >= 1) throw new GanSharpException($"--ema-decay must be in [0, 1), got {decay}");
        this.source = source;
        Average = average;
        Decay = decay;
        using var _ = no_grad();
        foreach (var (a, s) in Pairs(average.parameters(), source.parameters())) a.copy_(s);
        foreach (var (a, s) in Pairs(average.buffers(), source.buffers())) a.copy_(s);
        foreach (var p in average.parameters()) p.requires_grad_(false);
    }

    /// <summary>One step of the recurrence.</summary>
    public void Update()
    {
        using var _ = no_grad();
        foreach (var (a, s) in Pairs(Average.parameters(), source.parameters())) a.mul_(Decay).add_(s, alpha: 1 - Decay);
        foreach (var (a, s) in Pairs(Average.buffers(), source.buffers())) a.copy_(s);
    }

    private static IEnumerable<(Tensor, Tensor)> Pairs(IEnumerable<Tensor> a, IEnumerable<Tensor> b)
    {
        var x = a.ToList();
        var y = b.ToList();
        if (x.Count != y.Count) throw new InvalidOperationException($"EMA needs the same architecture: {x.Count} vs {y.Count} tensors");
        return x.Zip(y);
    }
}
