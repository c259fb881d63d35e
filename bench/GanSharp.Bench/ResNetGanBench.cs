using GanSharp.Data;
using GanSharp.Losses;
using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Recipes.Modern;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Bench;

/// <summary>
/// SAGAN (unconditional) and BigGAN (conditional on Fashion-MNIST's 10 classes) at 32×32, the
/// families' defaults: our trainer against a bare TorchSharp loop with the same networks, hinge loss,
/// k D steps, orthogonal regularisation and EMA of G.
/// </summary>
internal static class ResNetGanBench
{
    public static ResNetGanOptions Options(string family) => Families.DefaultsOf<ResNetGanOptions>(family) with
    {
        Channels = 1, Classes = family == "biggan" ? 10 : 0,
    };

    public static (double Ours, double Bare) Compare(string family, int reps, double seconds)
    {
        var o = Options(family);
        using var ours = new Bench.TrainerUnderTest(Bench.TrainerUnderTest.Seeded(() => new ResNetGan(o, 0, CPU)), new BatchSampler(Bench.Fashion, o.BatchSize, 0, CPU, o.Resolution));
        using var bare = new Bare(o, Bench.Fashion.Images, Bench.Fashion.Labels);
        return Bench.Compare(ours.Steps, bare.Steps, o.BatchSize, reps, seconds);
    }

    /// <summary>What a user writes with TorchSharp alone for the same algorithm.</summary>
    private sealed class Bare(ResNetGanOptions o, Tensor images, Tensor labels) : IDisposable
    {
        private readonly nn.Module<Tensor, Tensor> g = ResNetGan.BuildGenerator(o), average = ResNetGan.BuildGenerator(o);
        private readonly nn.Module d = ResNetGan.BuildDiscriminator(o);
        private readonly BareBatches batches = new(images, o.BatchSize, o.Resolution, labels: labels);
        private optim.Optimizer? optG, optD;

        private Tensor Judge(Tensor x, Tensor? y) => d is ProjectionDiscriminator p ? p.Judge(x, y).Logits : ((Discriminator)d).forward(x);

        private (Tensor Latent, Tensor? Classes) Latent()
        {
            var z = randn(o.BatchSize, o.LatentSize);
            if (o.Classes == 0) return (z, null);
            var y = randint(o.Classes, new long[] { o.BatchSize });
            return (cat(new[] { z, one_hot(y, o.Classes).to_type(ScalarType.Float32) }, 1), y);
        }

        public void Steps(int n)
        {
            optG ??= optim.Adam(g.parameters(), o.LrG, o.Beta1, o.Beta2);
            optD ??= optim.Adam(d.parameters(), o.LrD, o.Beta1, o.Beta2);
            g.train();
            d.train();
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                for (int k = 0; k < o.DSteps; k++)
                {
                    var (real, y) = batches.NextWithLabels();
                    var (latent, yFake) = Latent();
                    Tensor fake;
                    using (no_grad()) fake = g.forward(latent);
                    var lossD = relu(1 - Judge(real, o.Classes == 0 ? null : y)).mean() + relu(1 + Judge(fake, yFake)).mean();
                    optD.zero_grad();
                    lossD.backward();
                    optD.step();
                }
                var (l, c) = Latent();
                var lossG = -Judge(g.forward(l), c).mean();
                if (o.OrthogonalWeight > 0) lossG = lossG + OrthogonalRegularisation.Of(((ResNetGanGenerator)g).RegularisedWeights, o.OrthogonalWeight);
                optG.zero_grad();
                lossG.backward();
                optG.step();
                if (o.EmaDecay is double beta)
                    using (no_grad())
                        foreach (var (a, p) in average.parameters().Zip(g.parameters())) a.mul_(beta).add_(p, alpha: 1 - beta);
            }
        }

        public void Dispose()
        {
            g.Dispose(); average.Dispose(); d.Dispose();
        }
    }
}
