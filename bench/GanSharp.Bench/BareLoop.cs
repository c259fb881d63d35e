using GanSharp.Recipes;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Bench;

/// <summary>
/// The baseline: what a user writes with TorchSharp alone — the same networks, Adam settings and
/// algorithm (one D step on a real batch and fresh noise, then one G step on fresh noise), BCE
/// from logits, a dispose scope per step, and no logging, checks or checkpoints.
/// </summary>
internal sealed class BareLoop : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> g, d;
    private readonly optim.Optimizer optG, optD;
    private readonly BareBatches data;
    private readonly GanOptions o;
    private readonly Generator rng = new(1);

    public BareLoop(GanOptions options, Tensor images)
    {
        o = options;
        data = new BareBatches(images, o.BatchSize, o.Resolution);
        g = Gan.BuildGenerator(o);
        d = Gan.BuildDiscriminator(o);
        optG = optim.Adam(g.parameters(), o.LrG, o.Beta1, o.Beta2);
        optD = optim.Adam(d.parameters(), o.LrD, o.Beta1, o.Beta2);
    }

    public void Steps(int n)
    {
        for (int i = 0; i < n; i++)
        {
            using var scope = NewDisposeScope();
            var real = data.Next();
            var ones = torch.ones(o.BatchSize);
            var zeros = torch.zeros(o.BatchSize);

            Tensor fake;
            using (no_grad()) fake = g.forward(randn(new long[] { o.BatchSize, o.LatentSize }, generator: rng));
            var lossD = binary_cross_entropy_with_logits(d.forward(real), ones) + binary_cross_entropy_with_logits(d.forward(fake), zeros);
            optD.zero_grad();
            lossD.backward();
            optD.step();

            var lossG = binary_cross_entropy_with_logits(d.forward(g.forward(randn(new long[] { o.BatchSize, o.LatentSize }, generator: rng))), ones);
            optG.zero_grad();
            lossG.backward();
            optG.step();
        }
    }

    public void Dispose()
    {
        g.Dispose(); d.Dispose(); optG.Dispose(); optD.Dispose(); rng.Dispose();
    }
}
