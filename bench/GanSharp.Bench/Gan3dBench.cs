using GanSharp.Data;
using GanSharp.Data.Voxels;
using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Recipes.Volumes;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Bench;

/// <summary>
/// 3D-GAN at 32³ with the family's defaults on 256 procedural shapes, voxelised before the clock
/// starts (both loops then read kept grids: the row measures training, not making shapes): our
/// trainer against a bare TorchSharp loop with the same networks, BCE and D-accuracy rule. The rule's
/// threshold is 1 here (D always updated, its accuracy still measured): which steps skip D depends on
/// each loop's own batches and noise, and a skipped update is a third less work, so with the default
/// 0.8 the ratio would measure the two trajectories, not the trainer.
/// </summary>
internal static class Gan3dBench
{
    public static Gan3dOptions Options => Families.DefaultsOf<Gan3dOptions>("gan3d") with { DAccuracy = 1.0 };

    public static (double Ours, double Bare) Compare(int reps, double seconds)
    {
        var o = Options;
        using var shapes = new ProceduralShapes(o.Resolution, count: 256);
        var all = shapes.Read(arange(shapes.Count));   // voxelised once, kept by the source
        var recipe = Bench.TrainerUnderTest.Seeded(() => new Gan3d(o, 0, CPU));
        using var ours = new Bench.TrainerUnderTest(recipe, new BatchSampler(shapes, o.BatchSize, 0, CPU));
        using var bare = new Bare(o, all.X);
        return Bench.Compare(ours.Steps, bare.Steps, o.BatchSize, reps, seconds);
    }

    /// <summary>What a user writes with TorchSharp alone.</summary>
    private sealed class Bare : IDisposable
    {
        private readonly Gan3dOptions o;
        private readonly Voxel3dGenerator g;
        private readonly Voxel3dDiscriminator d;
        private readonly Tensor grids;
        private readonly optim.Optimizer optG, optD;
        private long cursor;

        public Bare(Gan3dOptions o, Tensor grids)
        {
            this.o = o;
            this.grids = grids;
            g = new Voxel3dGenerator(o.LatentSize, o.Resolution, o.Width);
            d = new Voxel3dDiscriminator(o.Resolution, o.Width);
            optG = optim.Adam(g.parameters(), o.LrG, o.Beta1, o.Beta2);
            optD = optim.Adam(d.parameters(), o.LrD, o.Beta1, o.Beta2);
        }

        public void Steps(int n)
        {
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                var real = grids.narrow(0, cursor % (grids.shape[0] - o.BatchSize), o.BatchSize);
                cursor += o.BatchSize;
                var z = randn(o.BatchSize, o.LatentSize);
                Tensor fake;
                using (no_grad()) fake = g.forward(z);
                var realLogits = d.forward(real);
                var fakeLogits = d.forward(fake);
                double accuracy = ((realLogits > 0).sum().item<long>() + (fakeLogits < 0).sum().item<long>()) / (2.0 * o.BatchSize);
                if (accuracy < o.DAccuracy)
                {
                    var lossD = binary_cross_entropy_with_logits(realLogits, ones_like(realLogits)) + binary_cross_entropy_with_logits(fakeLogits, zeros_like(fakeLogits));
                    optD.zero_grad();
                    lossD.backward();
                    optD.step();
                }
                var logits = d.forward(g.forward(z));
                var lossG = binary_cross_entropy_with_logits(logits, ones_like(logits));
                optG.zero_grad();
                lossG.backward();
                optG.step();
            }
        }

        public void Dispose()
        {
            g.Dispose();
            d.Dispose();
        }
    }
}
