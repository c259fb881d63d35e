using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// Exponential moving average of a network's weights (Yazıcı et al. 2019; used by ProGAN and
/// StyleGAN for sampling): after every step θ_ema ← β θ_ema + (1 − β) θ. Buffers (batch-norm
/// statistics, spectral-norm vectors) are copied as they are. The average is its own module,
/// built like the network, so it samples and saves like one.
/// Batch-norm statistics copied from G do not fit the averaged weights (they describe G's
/// activations, not the average's), so before sampling <see cref="RefreshBatchStatistics"/>
/// measures the average's own ("standing statistics", as BigGAN samples its EMA generator).
/// </summary>
public sealed class Ema
{
    private readonly nn.Module source;
    public nn.Module<Tensor, Tensor> Average { get; }
    public double Decay { get; }
    private readonly TorchSharp.Modules.NormBase[] batchNorms;
    private bool statisticsStale = true;     // a loaded or updated average has G's statistics

    /// <summary>Steps before which the average simply follows G (BigGAN's ema_start): an average begun at initialisation keeps β^t of the random weights, 13% after 2,000 steps at β = 0.999.</summary>
    public long Start { get; }

    /// <summary>
    /// StyleGAN2-ADA's ema_rampup (0 = off): the half-life of the average, ln ½ / ln β steps, is at most
    /// this share of the steps taken, so early in a run the average follows G closely instead of mixing
    /// weights from long ago (at β = 0.999 and 0.05: β 0.986 at step 1,000, the full 0.999 after step 13,856).
    /// </summary>
    public double Rampup { get; }

    public Ema(nn.Module source, nn.Module<Tensor, Tensor> average, double decay, long start = 0, double rampup = 0)
    {
        Start = start;
        Rampup = rampup;
        if (decay is < 0 or >= 1) throw new GanSharpException($"--ema-decay must be in [0, 1), got {decay}");
        this.source = source;
        Average = average;
        Decay = decay;
        using var _ = no_grad();
        foreach (var (a, s) in Pairs(average.parameters(), source.parameters())) a.copy_(s);
        foreach (var (a, s) in Pairs(average.buffers(), source.buffers())) a.copy_(s);
        foreach (var p in average.parameters()) p.requires_grad_(false);
        batchNorms = average.modules().OfType<TorchSharp.Modules.NormBase>().Where(n => n.track_running_stats).ToArray();
    }

    /// <summary>
    /// Makes the average's batch-norm statistics its own: the cumulative mean and variance of
    /// its activations over <paramref name="batches"/> batches of noise from a fixed stream, so
    /// sampling stays deterministic and leaves the training streams alone. Nothing to do without
    /// batch norm or when nothing changed since the last refresh.
    /// </summary>
    public void RefreshBatchStatistics(Func<long, Generator, Tensor> noise, int batches = 8, long batchSize = 256)
    {
        if (batchNorms.Length == 0 || !statisticsStale) return;
        using var _ = no_grad();
        using var stream = new Generator(StatisticsSeed);
        var momenta = batchNorms.Select(n => n.momentum).ToArray();
        foreach (var n in batchNorms) { n.reset_running_stats(); n.momentum = null; }   // null: cumulative average over the batches
        Average.train();
        for (int i = 0; i < batches; i++)
        {
            using var scope = NewDisposeScope();
            Average.forward(noise(batchSize, stream));
        }
        Average.eval();
        for (int i = 0; i < batchNorms.Length; i++) batchNorms[i].momentum = momenta[i];
        statisticsStale = false;
    }

    /// <summary>Seed of the noise that measures the average's batch statistics.</summary>
    public const long StatisticsSeed = 20190211;

    /// <summary>One step of the recurrence after G's step <paramref name="step"/> (0-based); before <see cref="Start"/> a copy of G.</summary>
    public void Update(long step)
    {
        using var _ = no_grad();
        double decay = DecayAt(step);
        foreach (var (a, s) in Pairs(Average.parameters(), source.parameters())) a.mul_(decay).add_(s, alpha: 1 - decay);
        foreach (var (a, s) in Pairs(Average.buffers(), source.buffers())) a.copy_(s);
        statisticsStale = true;
    }

    /// <summary>β of the update after step <paramref name="step"/>: 0 (a copy) before <see cref="Start"/>, else <see cref="Decay"/>, capped by the rampup.</summary>
    public double DecayAt(long step)
    {
        if (step < Start) return 0;
        if (Rampup <= 0 || Decay == 0) return Decay;
        double halfLife = Rampup * (step - Start);
        return halfLife <= 0 ? 0 : Math.Min(Decay, Math.Pow(0.5, 1 / halfLife));
    }

    private static IEnumerable<(Tensor, Tensor)> Pairs(IEnumerable<Tensor> a, IEnumerable<Tensor> b)
    {
        var x = a.ToList();
        var y = b.ToList();
        if (x.Count != y.Count) throw new InvalidOperationException($"EMA needs the same architecture: {x.Count} vs {y.Count} tensors");
        return x.Zip(y);
    }
}
