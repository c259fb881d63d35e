using static TorchSharp.torch;

namespace GanSharp.Losses;

/// <summary>
/// Historical averaging (Salimans et al. 2016; book ch. 1, seed 004): a network's loss gains
/// λ‖θ − (1/t) Σ_{i=1}^t θ[i]‖², pulling the parameters towards their own running mean, which
/// damps the oscillations of the game. The running means and t are buffers of this module, so
/// they are saved in checkpoints and a resumed run continues the same average.
/// </summary>
public sealed class HistoricalAverage : nn.Module
{
    private readonly List<Tensor> means = new();
    private readonly Tensor count;

    public HistoricalAverage(nn.Module network) : base(nameof(HistoricalAverage))
    {
        int i = 0;
        foreach (var p in network.parameters())
        {
            var mean = zeros_like(p).detach();
            means.Add(mean);
            register_buffer($"mean{i++}", mean);
        }
        count = zeros(1, dtype: ScalarType.Int64);
        register_buffer("count", count);
    }

    /// <summary>Number of parameter values averaged so far (t).</summary>
    public long Count => count.item<long>();

    /// <summary>λ Σ ‖θ − θ̄‖² over the network's parameters; zero before the first update (no history yet).</summary>
    public Tensor Penalty(nn.Module network, double lambda)
    {
        var parameters = network.parameters().ToList();
        if (Count == 0) return zeros(1, device: parameters[0].device).sum();
        Tensor total = zeros(1, device: parameters[0].device).sum();
        foreach (var (p, mean) in parameters.Zip(means)) total = total + (p - mean).square().sum();
        return lambda * total;
    }

    /// <summary>Adds the network's current parameters to the running mean: θ̄ ← θ̄ + (θ − θ̄)/t.</summary>
    public void Update(nn.Module network)
    {
        using var _ = no_grad();
        count.add_(1);
        double t = Count;
        foreach (var (p, mean) in network.parameters().Zip(means)) mean.add_((p - mean) / t);
    }
}
