using GanSharp.Data;
using GanSharp.Data.Pairs;
using GanSharp.Recipes;
using GanSharp.Recipes.ImageToImage;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Bench;

/// <summary>
/// pix2pix at 64×64 (edges → Fashion-MNIST garments, the family's defaults): our trainer against a
/// bare TorchSharp loop with the same U-Net, PatchGAN, Adam settings and objective. Both make the
/// edge inputs of each batch with the same Sobel maker (data preparation, equal on both sides).
/// </summary>
internal static class Pix2PixBench
{
    public static Pix2PixOptions Options => Families.DefaultsOf<Pix2PixOptions>("pix2pix") with { InputChannels = 1, Channels = 1 };

    public static (double Ours, double Bare) Compare(int reps, double seconds)
    {
        var o = Options;
        using var ours = new Bench.TrainerUnderTest(Bench.TrainerUnderTest.Seeded(() => new Pix2Pix(o, 0, CPU)),
            new MadePairs(new BatchSampler(Bench.Fashion, o.BatchSize, 0, CPU, o.Resolution), new SobelEdges(), 0));
        using var bare = new Bare(o, Bench.Fashion.Images);
        return Bench.Compare(ours.Steps, bare.Steps, o.BatchSize, reps, seconds);
    }

    /// <summary>What a user writes with TorchSharp alone: D on (x, y) and (x, G(x)) halved, then G on BCE + λ·L1 with D frozen.</summary>
    private sealed class Bare(Pix2PixOptions o, Tensor images) : IDisposable
    {
        private readonly nn.Module<Tensor, Tensor> g = Pix2Pix.BuildGenerator(o), d = Pix2Pix.BuildDiscriminator(o);
        private readonly SobelEdges edges = new();
        private optim.Optimizer? optG, optD;
        private readonly BareBatches data = new(images, o.BatchSize, o.Resolution);

        public void Steps(int n)
        {
            optG ??= optim.Adam(g.parameters(), o.LrG, o.Beta1, o.Beta2);
            optD ??= optim.Adam(d.parameters(), o.LrD, o.Beta1, o.Beta2);
            g.train();
            d.train();
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                var y = data.Next();
                var x = edges.Input(y, null);
                var fake = g.forward(x);
                var onReal = d.forward(cat(new[] { x, y }, 1));
                var onFake = d.forward(cat(new[] { x, fake.detach() }, 1));
                var lossD = 0.5 * (binary_cross_entropy_with_logits(onReal, ones_like(onReal)) + binary_cross_entropy_with_logits(onFake, zeros_like(onFake)));
                optD.zero_grad();
                lossD.backward();
                optD.step();
                foreach (var p in d.parameters()) p.requires_grad = false;
                var onFakeG = d.forward(cat(new[] { x, fake }, 1));
                var lossG = binary_cross_entropy_with_logits(onFakeG, ones_like(onFakeG)) + o.L1Weight * (fake - y).abs().mean();
                optG.zero_grad();
                lossG.backward();
                optG.step();
                foreach (var p in d.parameters()) p.requires_grad = true;
            }
        }

        public void Dispose()
        {
            g.Dispose(); d.Dispose(); optG?.Dispose(); optD?.Dispose();
        }
    }
}
