using GanSharp.Data;
using GanSharp.Data.Sets;
using GanSharp.Data.Sources;
using GanSharp.Data.Text;
using GanSharp.Features;
using GanSharp.Layers;
using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Recipes.Text;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Bench;

/// <summary>
/// StackGAN stage I at 32×32, the family's defaults on the embedded emoji and their descriptions
/// (an untrained text matcher: the cost of a step does not depend on what it learnt): our trainer
/// against a bare TorchSharp loop with the same networks, conditioning augmentation, matching-aware D and KL.
/// </summary>
internal static class StackGanBench
{
    public static StackGanOptions Options => Families.DefaultsOf<StackGanOptions>("stackgan") with { Channels = 3 };

    public static (double Ours, double Bare) Compare(int reps, double seconds)
    {
        string folder = EmbeddedEmoji.Folder();
        var captions = Captions.For(folder, ImageFolder.ListImages(folder));
        var vocabulary = Vocabulary.Of(captions);
        string work = Directory.CreateTempSubdirectory("gansharp-bench-text-").FullName;
        try
        {
            string matcherPath = Path.Combine(work, "matcher.bin");
            using (var untrained = new TextMatcher(vocabulary, 3))
                TextMatcherTraining.Save(untrained, new TextMatcherTraining.Provenance("bench", 0, 0, folder, 3, 32, 0, 0, 0.5, vocabulary.Words, captions), matcherPath);
            var o = Options with { TextMatcher = matcherPath };
            using var set = ImageFolder.Load(folder, new ImageFolderOptions(o.Resolution, 3) { Text = vocabulary });
            var recipe = Bench.TrainerUnderTest.Seeded(() => new StackGan(o, 0, CPU));
            using var ours = new Bench.TrainerUnderTest(recipe, new BatchSampler(set, o.BatchSize, 0, CPU));
            var all = set.Read(arange(set.Count));
            using var bare = new Bare(o, all.X, all.Condition!, matcherPath);
            return Bench.Compare(ours.Steps, bare.Steps, o.BatchSize, reps, seconds);
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    /// <summary>What a user writes with TorchSharp alone.</summary>
    private sealed class Bare : IDisposable
    {
        private readonly StackGanOptions o;
        private readonly StackGanStageOneGenerator g;
        private readonly ConditioningAugmentation ca;
        private readonly StackGanDiscriminator d;
        private readonly TextMatcher matcher;
        private readonly BareBatches batches;
        private readonly optim.Optimizer optG, optD;

        public Bare(StackGanOptions o, Tensor images, Tensor ids, string matcherPath)
        {
            this.o = o;
            g = StackGan.StageOneGenerator(o);
            ca = new ConditioningAugmentation(TextMatcher.Size, o.ConditionSize);
            d = new StackGanDiscriminator(o.Resolution, o.Width, o.Channels, o.ConditionSize);
            matcher = TextMatcherTraining.Load(matcherPath).Matcher;
            batches = new BareBatches(images, o.BatchSize, o.Resolution, labels: ids);
            optG = optim.Adam(g.parameters().Concat(ca.parameters()), o.LrG, o.Beta1, o.Beta2);
            optD = optim.Adam(d.parameters(), o.LrD, o.Beta1, o.Beta2);
        }

        public void Steps(int n)
        {
            for (int i = 0; i < n; i++)
            {
                using var scope = NewDisposeScope();
                var (real, ids) = batches.NextWithLabels();
                Tensor phi;
                using (no_grad()) phi = matcher.Text.forward(ids!);
                var z = randn(o.BatchSize, o.LatentSize);
                var (c, mu, _) = Condition(phi);
                Tensor fake;
                using (no_grad()) fake = g.forward(cat(new[] { z, c }, 1));
                var m = mu.detach();
                var lossD = softplus(-d.forward(StackGanDiscriminator.Input(real, m))).mean()
                          + 0.5 * (softplus(d.forward(StackGanDiscriminator.Input(real, m.roll(1, 0)))).mean() + softplus(d.forward(StackGanDiscriminator.Input(fake, m))).mean());
                optD.zero_grad();
                lossD.backward();
                optD.step();
                var (cG, muG, logVar) = Condition(phi);
                var lossG = softplus(-d.forward(StackGanDiscriminator.Input(g.forward(cat(new[] { z, cG }, 1)), muG.detach()))).mean()
                          + o.KlWeight * ConditioningAugmentation.Kl(muG, logVar);
                optG.zero_grad();
                lossG.backward();
                optG.step();
            }
        }

        /// <summary>c = μ + σ ⊙ ε, with μ and log σ².</summary>
        private (Tensor C, Tensor Mu, Tensor LogVar) Condition(Tensor phi)
        {
            var both = ca.forward(phi);
            var (mu, logVar) = (both.narrow(1, 0, o.ConditionSize), both.narrow(1, o.ConditionSize, o.ConditionSize));
            return (mu + (0.5 * logVar).exp() * randn_like(mu), mu, logVar);
        }

        public void Dispose()
        {
            g.Dispose(); ca.Dispose(); d.Dispose(); matcher.Dispose();
        }
    }
}
