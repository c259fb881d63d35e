using GanSharp.Data;
using GanSharp.Recipes;
using GanSharp.Recipes.ImageToImage;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Bench;

/// <summary>
/// CycleGAN at 64×64 (the family's defaults, on two unpaired streams of Fashion-MNIST): our trainer
/// against a bare TorchSharp loop with the same two ResNet generators, two PatchGANs, pools of 50
/// and the same objective.
/// </summary>
internal static class CycleGanBench
{
    public static CycleGanOptions Options => Families.DefaultsOf<CycleGanOptions>("cyclegan") with { InputChannels = 1, Channels = 1 };

    public static (double Ours, double Bare) Compare(int reps, double seconds)
    {
        var o = Options;
        BatchSampler Domain(string name) => new(Bench.Fashion, o.BatchSize, 0, CPU, o.Resolution, name: name);
        using var ours = new Bench.TrainerUnderTest(Bench.TrainerUnderTest.Seeded(() => new CycleGan(o, 0, CPU)), new UnpairedBatches(Domain("domain-a"), Domain("domain-b")));
        using var bare = new Bare(o, Bench.Fashion.Images);
        return Bench.Compare(ours.Steps, bare.Steps, o.BatchSize, reps, seconds);
    }

    /// <summary>What a user writes with TorchSharp alone: both G on adversarial + cycle + identity with the Ds frozen, then both D on real and pooled fakes.</summary>
    private sealed class Bare(CycleGanOptions o, Tensor images) : IDisposable
    {
        private readonly nn.Module<Tensor, Tensor> gAb = CycleGan.BuildGenerator(o, 1, 1), gBa = CycleGan.BuildGenerator(o, 1, 1),
            dA = CycleGan.BuildDiscriminator(o, 1), dB = CycleGan.BuildDiscriminator(o, 1);
        private readonly List<Tensor> poolA = new(), poolB = new();
        private readonly Random random = new(0);
        private optim.Optimizer? optG, optD;
        private readonly BareBatches domainA = new(images, o.BatchSize, o.Resolution), domainB = new(images, o.BatchSize, o.Resolution, start: 5_000);

        public void Steps(int n)
        {
            optG ??= optim.Adam(gAb.parameters().Concat(gBa.parameters()), o.LrG, o.Beta1, o.Beta2);
            optD ??= optim.Adam(dA.parameters().Concat(dB.parameters()), o.LrD, o.Beta1, o.Beta2);
            foreach (var m in new[] { gAb, gBa, dA, dB }) m.train();
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                var a = domainA.Next();
                var b = domainB.Next();
                var fakeB = gAb.forward(a);
                var fakeA = gBa.forward(b);
                foreach (var p in dA.parameters().Concat(dB.parameters())) p.requires_grad = false;
                var adversarial = LeastSquares(dB.forward(fakeB), 1) + LeastSquares(dA.forward(fakeA), 1);
                var cycle = (gBa.forward(fakeB) - a).abs().mean() + (gAb.forward(fakeA) - b).abs().mean();
                var identity = (gAb.forward(b) - b).abs().mean() + (gBa.forward(a) - a).abs().mean();
                var lossG = adversarial + o.CycleWeight * cycle + o.CycleWeight * o.IdentityWeight * identity;
                optG.zero_grad();
                lossG.backward();
                optG.step();
                foreach (var p in dA.parameters().Concat(dB.parameters())) p.requires_grad = true;
                var lossD = 0.5 * (LeastSquares(dB.forward(b), 1) + LeastSquares(dB.forward(Pool(poolB, fakeB.detach())), 0))
                          + 0.5 * (LeastSquares(dA.forward(a), 1) + LeastSquares(dA.forward(Pool(poolA, fakeA.detach())), 0));
                optD.zero_grad();
                lossD.backward();
                optD.step();
            }
        }

        /// <summary>Shrivastava et al.'s buffer as CycleGAN's code has it: fill to 50, then with p ½ return a stored fake and keep the new one.</summary>
        private Tensor Pool(List<Tensor> pool, Tensor fakes)
        {
            var shown = new List<Tensor>();
            for (long i = 0; i < fakes.shape[0]; i++)
            {
                var image = fakes.narrow(0, i, 1).clone().DetachFromDisposeScope();
                if (pool.Count < o.PoolSize) { pool.Add(image); shown.Add(image); continue; }
                if (random.NextDouble() < 0.5) { int k = random.Next(pool.Count); shown.Add(pool[k]); pool[k] = image; }
                else shown.Add(image);
            }
            return cat(shown, 0);
        }

        private static Tensor LeastSquares(Tensor scores, float target) => mse_loss(scores, full_like(scores, target));

        public void Dispose()
        {
            foreach (var m in new[] { gAb, gBa, dA, dB }) m.Dispose();
            optG?.Dispose(); optD?.Dispose();
        }
    }
}
