using GanSharp.Data;
using GanSharp.Losses;
using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Recipes.Modern;
using static TorchSharp.torch;

namespace GanSharp.Bench;

/// <summary>
/// StyleGAN2 at 32×32, the family's defaults on Fashion-MNIST: our trainer against a bare TorchSharp
/// loop with the same networks and the same work per step: logistic loss, R1 every 16 D steps, style
/// mixing at the defaults' probability, per-pixel noise, the running mean of w and the EMA of G.
/// </summary>
internal static class StyleGanBench
{
    public static StyleGanOptions Options => Families.DefaultsOf<StyleGanOptions>("stylegan") with { Channels = 1 };

    public static (double Ours, double Bare) Compare(int reps, double seconds)
    {
        var o = Options;
        var recipe = Bench.TrainerUnderTest.Seeded(() => new StyleGan(o, 0, CPU));
        using var ours = new Bench.TrainerUnderTest(recipe, new BatchSampler(Bench.Fashion, o.BatchSize, 0, CPU, o.Resolution));
        using var bare = new Bare(o, Bench.Fashion.Images);
        return Bench.Compare(ours.Steps, bare.Steps, o.BatchSize, reps, seconds);
    }

    /// <summary>What a user writes with TorchSharp alone.</summary>
    private sealed class Bare(StyleGanOptions o, Tensor images) : IDisposable
    {
        private readonly StyleGanGenerator g = (StyleGanGenerator)StyleGan.BuildGenerator(o), average = (StyleGanGenerator)StyleGan.BuildGenerator(o);
        private readonly StyleGanDiscriminator d = StyleGan.BuildDiscriminator(o);
        private readonly BareBatches batches = new(images, o.BatchSize, o.Resolution);
        private readonly Generator layerNoise = new(1), mixing = new(2);
        private optim.Optimizer? optG, optD;
        private long step;

        public void Steps(int n)
        {
            optG ??= optim.Adam(g.parameters(), o.LrG, o.Beta1, o.Beta2);
            optD ??= optim.Adam(d.parameters(), o.LrD, o.Beta1, o.Beta2);
            g.LayerNoise = layerNoise;
            for (int i = 0; i < n; i++, step++)
            {
                using var scope = NewDisposeScope();
                var real = batches.Next();
                Tensor fake;
                using (no_grad()) fake = g.Synthesis(Styles(o.BatchSize, false));
                var realLogits = d.forward(real);
                var lossD = nn.functional.softplus(-realLogits).mean() + nn.functional.softplus(d.forward(fake)).mean();
                if (step % o.R1Every == 0) lossD = lossD + o.R1Every * Penalties.R1(d.forward, real, o.PenaltyWeight);
                optD.zero_grad();
                lossD.backward();
                optD.step();
                var lossG = nn.functional.softplus(-d.forward(g.Synthesis(Styles(o.BatchSize, true)))).mean();
                optG.zero_grad();
                lossG.backward();
                optG.step();
                using (no_grad())
                {
                    double decay = step < o.EmaStart ? 0 : o.EmaDecay!.Value;
                    foreach (var (a, p) in average.parameters().Zip(g.parameters())) a.mul_(decay).add_(p, alpha: 1 - decay);
                    foreach (var (a, b) in average.buffers().Zip(g.buffers())) a.copy_(b);
                }
            }
        }

        private Tensor Styles(long n, bool track)
        {
            var w = g.Map(randn(n, o.LatentSize));
            if (track) g.TrackMeanW(w, o.WAverageDecay);
            var ws = g.Broadcast(w);
            if (rand(1, generator: mixing).item<float>() >= o.StyleMixing) return ws;
            long cut = randint(1, g.StyleCount, new long[] { 1 }, generator: mixing).item<long>();
            return cat(new[] { ws.narrow(1, 0, cut), g.Broadcast(g.Map(randn(n, o.LatentSize))).narrow(1, cut, g.StyleCount - cut) }, 1);
        }

        public void Dispose()
        {
            g.Dispose(); average.Dispose(); d.Dispose(); layerNoise.Dispose(); mixing.Dispose();
        }
    }
}
