using GanSharp.Data;
using GanSharp.Losses;
using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Recipes.Modern;
using static TorchSharp.torch;

namespace GanSharp.Bench;

/// <summary>
/// ProGAN at 32×32 fully grown (the recipe is moved past its growth schedule; growing stages are
/// cheaper), the family's defaults on Fashion-MNIST: our trainer against a bare TorchSharp loop with
/// the same networks, WGAN-GP with drift and the EMA of G.
/// </summary>
internal static class ProGanBench
{
    public static ProGanOptions Options => Families.DefaultsOf<ProGanOptions>("pggan") with { Channels = 1 };

    public static (double Ours, double Bare) Compare(int reps, double seconds)
    {
        var o = Options;
        var recipe = Bench.TrainerUnderTest.Seeded(() => new ProGan(o, 0, CPU));
        recipe.StepsDone = recipe.Schedule.StepsToFullGrowth;
        using var ours = new Bench.TrainerUnderTest(recipe, new BatchSampler(Bench.Fashion, o.BatchSize, 0, CPU, o.Resolution));
        using var bare = new Bare(o, Bench.Fashion.Images);
        return Bench.Compare(ours.Steps, bare.Steps, o.BatchSize, reps, seconds);
    }

    /// <summary>What a user writes with TorchSharp alone for the fully grown networks.</summary>
    private sealed class Bare(ProGanOptions o, Tensor images) : IDisposable
    {
        private readonly nn.Module<Tensor, Tensor> g = ProGan.BuildGenerator(o), average = ProGan.BuildGenerator(o);
        private readonly ProGanDiscriminator d = ProGan.BuildDiscriminator(o);
        private readonly BareBatches batches = new(images, o.BatchSize, o.Resolution);
        private readonly Generator penaltyNoise = new(1);
        private optim.Optimizer? optG, optD;

        public void Steps(int n)
        {
            optG ??= optim.Adam(g.parameters(), o.LrG, o.Beta1, o.Beta2);
            optD ??= optim.Adam(d.parameters(), o.LrD, o.Beta1, o.Beta2);
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                var real = batches.Next();
                Tensor fake;
                using (no_grad()) fake = g.forward(randn(o.BatchSize, o.LatentSize));
                var realScores = d.forward(real);
                var lossD = d.forward(fake).mean() - realScores.mean()
                          + Penalties.GradientPenalty(d.forward, real, fake, penaltyNoise, o.PenaltyWeight) + o.DriftWeight * realScores.square().mean();
                optD.zero_grad();
                lossD.backward();
                optD.step();
                var lossG = -d.forward(g.forward(randn(o.BatchSize, o.LatentSize))).mean();
                optG.zero_grad();
                lossG.backward();
                optG.step();
                using (no_grad())
                    foreach (var (a, p) in average.parameters().Zip(g.parameters())) a.mul_(o.EmaDecay!.Value).add_(p, alpha: 1 - o.EmaDecay!.Value);
            }
        }

        public void Dispose()
        {
            g.Dispose(); average.Dispose(); d.Dispose(); penaltyNoise.Dispose();
        }
    }
}
