using GanSharp.Data;
using GanSharp.Layers;
using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Recipes.Pyramid;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Bench;

/// <summary>
/// LAPGAN at 32×32 (base 8, levels 16 and 32) trained jointly, the family's defaults on
/// Fashion-MNIST: our trainer against a bare TorchSharp loop with the same networks and pyramid
/// operations, non-saturating loss at every level.
/// </summary>
internal static class LapGanBench
{
    public static LapGanOptions Options => Families.DefaultsOf<LapGanOptions>("lapgan") with { Channels = 1 };

    public static (double Ours, double Bare) Compare(int reps, double seconds)
    {
        var o = Options;
        var recipe = Bench.TrainerUnderTest.Seeded(() => new LapGan(o, 0, CPU));
        using var ours = new Bench.TrainerUnderTest(recipe, new BatchSampler(Bench.Fashion, o.BatchSize, 0, CPU, o.Resolution));
        using var bare = new Bare(o, Bench.Fashion.Images);
        return Bench.Compare(ours.Steps, bare.Steps, o.BatchSize, reps, seconds);
    }

    /// <summary>What a user writes with TorchSharp alone: one (G, D, two Adams) per level, each level on the real pyramid.</summary>
    private sealed class Bare : IDisposable
    {
        private readonly LapGanOptions o;
        private readonly BareBatches batches;
        private readonly List<(nn.Module<Tensor, Tensor> G, nn.Module<Tensor, Tensor> D, optim.Optimizer OptG, optim.Optimizer OptD)> levels = new();

        public Bare(LapGanOptions o, Tensor images)
        {
            this.o = o;
            batches = new(images, o.BatchSize, o.Resolution);
            Add(LapGan.BaseGenerator(o), LapGan.BaseDiscriminator(o));
            for (int k = 1; k <= o.Levels; k++)
                Add(new LapGanLevelGenerator(o.Channels, o.LevelWidth), new LapGanLevelDiscriminator(o.Side(k), o.Width, o.Channels, o.DiscriminatorOptions));
        }

        private void Add(nn.Module<Tensor, Tensor> g, nn.Module<Tensor, Tensor> d) =>
            levels.Add((g, d, optim.Adam(g.parameters(), o.LrG, o.Beta1, o.Beta2), optim.Adam(d.parameters(), o.LrD, o.Beta1, o.Beta2)));

        public void Steps(int n)
        {
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                var pyramid = new Tensor[o.Levels + 1];
                pyramid[o.Levels] = batches.Next();
                for (int k = o.Levels; k > 0; k--) pyramid[k - 1] = LaplacianPyramid.Down(pyramid[k]);
                Train(0, pyramid[0], () => levels[0].G.forward(randn(o.BatchSize, o.LatentSize)), x => x);
                for (int k = 1; k <= o.Levels; k++)
                {
                    var coarse = LaplacianPyramid.Up(pyramid[k - 1]);
                    int side = o.Side(k);
                    var g = levels[k].G;
                    Train(k, pyramid[k], () => coarse + g.forward(cat(new[] { coarse, randn(o.BatchSize, 1, side, side) }, 1)), x => cat(new[] { x, coarse }, 1));
                }
            }
        }

        private void Train(int k, Tensor real, Func<Tensor> draw, Func<Tensor, Tensor> judged)
        {
            var (g, d, optG, optD) = levels[k];
            Tensor fake;
            using (no_grad()) fake = draw();
            var realLogits = d.forward(judged(real));
            var lossD = binary_cross_entropy_with_logits(realLogits, ones_like(realLogits))
                      + binary_cross_entropy_with_logits(d.forward(judged(fake)), zeros_like(realLogits));
            optD.zero_grad();
            lossD.backward();
            optD.step();
            var fakeLogits = d.forward(judged(draw()));
            var lossG = binary_cross_entropy_with_logits(fakeLogits, ones_like(fakeLogits));
            optG.zero_grad();
            lossG.backward();
            optG.step();
        }

        public void Dispose()
        {
            foreach (var (g, d, _, _) in levels) { g.Dispose(); d.Dispose(); }
        }
    }
}
