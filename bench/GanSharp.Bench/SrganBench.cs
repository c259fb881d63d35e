using GanSharp.Data;
using GanSharp.Data.Pairs;
using GanSharp.Features;
using GanSharp.Recipes;
using GanSharp.Recipes.ImageToImage;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Bench;

/// <summary>
/// SRGAN's GAN phase at 16 → 64 (the family's defaults, Fashion-MNIST): our trainer against a bare
/// TorchSharp loop with the same SRResNet, discriminator and content loss in the maps of a feature
/// network (an untrained one of the right shape: its weights do not change the cost). Both make the
/// low-resolution inputs of each batch with the same bicubic maker.
/// </summary>
internal static class SrganBench
{
    public static SrganOptions Options => Families.DefaultsOf<SrganOptions>("srgan") with { InputChannels = 1, Channels = 1, Pretrain = 0 };

    public static (double Ours, double Bare) Compare(int reps, double seconds)
    {
        string folder = Directory.CreateTempSubdirectory("gansharp-bench-features-").FullName;
        try
        {
            string path = Path.Combine(folder, "features.bin");
            using (var untrained = new FeatureNetwork(new FeatureInput(1, 64, 10)))
                FeatureNetworkTraining.Save(untrained, new FeatureNetworkTraining.Provenance("bench", 0, 0, 0, 0, 0, "none") { Channels = 1, Side = 64, Classes = 10 }, path);
            var o = Options with { ContentFeatures = path };
            using var ours = new Bench.TrainerUnderTest(Bench.TrainerUnderTest.Seeded(() => new Srgan(o, 0, CPU)),
                new MadePairs(new BatchSampler(Bench.Fashion, o.BatchSize, 0, CPU, o.Resolution), new LowResolution(o.Factor), 0));
            using var bare = new Bare(o, Bench.Fashion.Images, FeatureNetworks.Load(path).Network);
            return Bench.Compare(ours.Steps, bare.Steps, o.BatchSize, reps, seconds);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>What a user writes with TorchSharp alone: D on real and G(x), then G on content + 10⁻³ · BCE with D frozen.</summary>
    private sealed class Bare(SrganOptions o, Tensor images, FeatureNetwork content) : IDisposable
    {
        private readonly nn.Module<Tensor, Tensor> g = Srgan.BuildGenerator(o), d = Srgan.BuildDiscriminator(o);
        private readonly LowResolution lowRes = new(o.Factor);
        private optim.Optimizer? optG, optD;
        private readonly BareBatches data = new(images, o.BatchSize, o.Resolution);

        public void Steps(int n)
        {
            optG ??= optim.Adam(g.parameters(), o.LrG, o.Beta1, o.Beta2);
            optD ??= optim.Adam(d.parameters(), o.LrD, o.Beta1, o.Beta2);
            foreach (var p in content.parameters()) p.requires_grad = false;
            g.train();
            d.train();
            content.eval();
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                var y = data.Next();
                var x = lowRes.Input(y, null);
                var fake = g.forward(x);
                var onReal = d.forward(y);
                var onFake = d.forward(fake.detach());
                var lossD = binary_cross_entropy_with_logits(onReal, ones_like(onReal)) + binary_cross_entropy_with_logits(onFake, zeros_like(onFake));
                optD.zero_grad();
                lossD.backward();
                optD.step();
                foreach (var p in d.parameters()) p.requires_grad = false;
                var onFakeG = d.forward(fake);
                var lossG = o.ContentWeight * mse_loss(content.Maps(fake), content.Maps(y)) + o.AdversarialWeight * binary_cross_entropy_with_logits(onFakeG, ones_like(onFakeG));
                optG.zero_grad();
                lossG.backward();
                optG.step();
                foreach (var p in d.parameters()) p.requires_grad = true;
            }
        }

        public void Dispose()
        {
            g.Dispose(); d.Dispose(); content.Dispose(); optG?.Dispose(); optD?.Dispose();
        }
    }
}
