using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Recipes.Modern;
using GanSharp.Runtime;
using GanSharp.Tests.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Recipes;

public sealed class StyleGanTests
{
    /// <summary>The defaults on tiny networks at 8×8 (stages 4 and 8: 3 convolutions, 4 styles), R1 every 2nd D step, EMA from the start; the paper's style mixing and residual D.</summary>
    private static StyleGanOptions Tiny => Families.DefaultsOf<StyleGanOptions>("stylegan") with
    {
        Resolution = 8, Width = 4, MaxChannels = 8, BatchSize = 8, LatentSize = 8, StyleSize = 6, MappingDepth = 2, R1Every = 2, EmaStart = 0, StyleMixing = 0.9, DArchitecture = "resnet",
    };

    private static StyleGanGenerator Generator(StyleGanOptions o) => (StyleGanGenerator)StyleGan.BuildGenerator(o);

    [Fact]
    public void Defaults_FollowThePaper()
    {
        var o = Families.DefaultsOf<StyleGanOptions>("stylegan");   // StyleGAN2-ADA's CIFAR-10 setting: logistic loss, R1 lazily every 16, no mixing, mapping 2, D without skips, Adam 2.5e-3 β (0, 0.99)
        Assert.Equal(("non-saturating", "r1", 16, 0.0, 0.01, 2.5e-3, 0.0, 0.99), (o.Loss, o.Penalty, o.R1Every, o.StyleMixing, o.MappingLr, o.LrG, o.Beta1, o.Beta2));
        Assert.Equal((2, "orig", 32, 0.0), (o.MappingDepth, o.DArchitecture, o.StddevGroup, o.PathLengthWeight));
        Assert.Contains("--d-architecture", Assert.Throws<GanSharpException>(() => (o with { DArchitecture = "skip" }).Validate()).Message);
        Assert.Contains("--penalty", Assert.Throws<GanSharpException>(() => (o with { Penalty = "gp" }).Validate()).Message);
        Assert.Contains("--style-mixing", Assert.Throws<GanSharpException>(() => (o with { StyleMixing = 1.5 }).Validate()).Message);
    }

    [Fact]
    public void Synthesis_ReadsOneStylePerLayer_AndDrawsAtTheResolution()
    {
        var g = Generator(Tiny with { Resolution = 32 });
        Assert.Equal(8, g.StyleCount);                                            // 1 + 2·3 convolutions, + the last toRGB
        Assert.Equal(new[] { 0, 1, 1, 2, 2, 3, 3, 3 }, Enumerable.Range(0, 8).Select(g.StageOfStyle));
        Assert.Equal(new long[] { 2, 1, 32, 32 }, g.forward(randn(2, 8)).shape);
        Assert.Contains("reads 8 styles", Assert.Throws<ArgumentException>(() => g.Synthesis(randn(2, 7, 6))).Message);
    }

    [Fact]
    public void Noise_IsConstantForPictures_AndFreshFromTheStreamInTraining()
    {
        var g = Generator(Tiny);
        g.eval();
        var z = randn(3, 8);
        using var _ = no_grad();
        Assert.True(g.forward(z).eq(g.forward(z)).all().item<bool>());
        foreach (var (name, p) in g.named_parameters().Where(p => p.name.EndsWith("noise_strength"))) p.fill_(1);   // noise strength 1: noise shows
        var still = g.forward(z);
        using var stream = new TorchSharp.torch.Generator(3);
        g.LayerNoise = stream;
        Assert.False(g.forward(z).allclose(still));
        g.LayerNoise = null;
        Assert.True(g.forward(z).eq(still).all().item<bool>());
    }

    [Fact]
    public void MeanW_IsARunningAverage_AndTruncationAtZeroGivesIt()
    {
        var g = Generator(Tiny);
        var w = tensor(new float[] { 1, 2, 3, 4, 5, 6, 3, 2, 1, 0, -1, -2 }).view(2, 6);
        g.TrackMeanW(w, 0.9);                                                       // from 0: 0.1 · the batch mean
        Assert.True(g.MeanW.allclose(tensor(new float[] { 0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0.2f })));
        Assert.True(g.Truncate(w, 0).allclose(g.MeanW.expand(2, 6)));
        Assert.True(g.Truncate(w, 1).allclose(w));
        Assert.True(g.Truncate(w, 0.5).allclose(0.5 * (w + g.MeanW)));

        using var recipe = new StyleGan(Tiny, 1, CPU);
        recipe.Sampler.TrackMeanW(randn(4, 6), 0);
        var images = recipe.SampleTruncated(randn(5, 8), 0);                        // every z to w̄: five copies of one image
        var meanImage = recipe.Sampler.Synthesis(recipe.Sampler.Broadcast(recipe.Sampler.MeanW.unsqueeze(0))).detach();
        for (int i = 0; i < 5; i++) Assert.True(images[i].allclose(meanImage[0], atol: 1e-5f));
    }

    [Fact]
    public void StyleMixing_TakesTheGivenStagesFromTheColumns()
    {
        using var recipe = new StyleGan(Tiny, 1, CPU);
        var a = randn(2, 8);
        var b = randn(3, 8);
        var none = recipe.MixStyles(a, b, Array.Empty<int>());
        var all = recipe.MixStyles(a, b, new[] { 0, 1 });
        var fine = recipe.MixStyles(a, b, new[] { 1 });
        var imagesA = recipe.Sample(a);
        var imagesB = recipe.Sample(b);
        Assert.Equal(new long[] { 6, 1, 8, 8 }, none.shape);
        for (int r = 0; r < 2; r++)
            for (int c = 0; c < 3; c++)
            {
                Assert.True(none[r * 3 + c].allclose(imagesA[r], atol: 1e-5f));     // nothing from B: row A's image
                Assert.True(all[r * 3 + c].allclose(imagesB[c], atol: 1e-5f));      // every layer from B: column B's image
                Assert.False(fine[r * 3 + c].allclose(imagesA[r], atol: 1e-5f));
            }
    }

    [Fact]
    public void StyleGroups_SplitTheStagesAsThePaper()
    {
        Assert.Equal(new[] { 0, 1 }, GanSharp.Latent.StyleMixingGrid.Stages("coarse", 3));     // 32×32: 4–8 coarse, 16 middle, 32 fine
        Assert.Equal(new[] { 2 }, GanSharp.Latent.StyleMixingGrid.Stages("middle", 3));
        Assert.Equal(new[] { 3 }, GanSharp.Latent.StyleMixingGrid.Stages("fine", 3));
        Assert.Equal(new[] { 4, 5, 6, 7, 8 }, GanSharp.Latent.StyleMixingGrid.Stages("fine", 8));   // 1024×1024: 64–1024 fine
        using var recipe = new StyleGan(Tiny, 1, CPU);
        using var noise = new TorchSharp.torch.Generator(4);
        var grid = GanSharp.Latent.StyleMixingGrid.Build(recipe, "coarse", 2, 3, noise);
        Assert.Equal(new long[] { 12, 1, 8, 8 }, grid.shape);                                    // (2 + 1) rows of (3 + 1)
        Assert.True(grid[0].eq(1).all().item<bool>());                                           // the white corner
        Assert.Contains("no middle styles", Assert.Throws<GanSharpException>(() => GanSharp.Latent.StyleMixingGrid.Build(recipe, "middle", 2, 3, noise)).Message);
    }

    [Fact]
    public void Training_RegularisesLazily_AndResumesBitIdentically()
    {
        using var tmp = TestSetup.Temp();
        var o = Tiny with { PathLengthWeight = 2, PathLengthEvery = 2 };
        using (var s = TinyRuns.Start(tmp, "s", o, TinyRuns.Trainer(3)))
        {
            var logs = Enumerable.Range(0, 3).Select(_ => s.Recipe.Step(s.Data)).ToList();
            Assert.All(logs, l => Assert.Null(l.FirstNonFinite()));
            Assert.Equal(new[] { true, false, true }, logs.Select(l => l.ContainsKey("penalty")));     // R1 at D steps 0 and 2
            Assert.Equal(new[] { true, false, true }, logs.Select(l => l.ContainsKey("path-length")));
            var mean = ((StyleGan)s.Recipe).Sampler.PathLengthMean.item<float>();           // a ← a + 0.01 (length − a), from 0, twice
            double first = logs[0]["path-length"], second = logs[2]["path-length"];
            Assert.Equal(0.01 * second + 0.99 * 0.01 * first, mean, 1e-5);
        }
        TinyRuns.AssertResumesBitIdentically(tmp, o);
    }

    [Fact]
    public void Discriminator_Orig_IsResnetWithoutItsSkips()
    {
        var o = Tiny with { Resolution = 16 };                                     // stages 16 → 8 → 4: channels 4, 8, 8
        using var resnet = StyleGan.BuildDiscriminator(o);
        using var orig = StyleGan.BuildDiscriminator(o with { DArchitecture = "orig" });
        static long Count(nn.Module m, string part) => m.named_parameters().Where(p => p.name.StartsWith(part)).Sum(p => p.parameter.numel());
        Assert.Equal(4 * 8 + 8 * 8, Count(resnet, "skips"));                        // 1×1 skips without bias: 4 → 8, 8 → 8
        Assert.Equal(0, Count(orig, "skips"));
        Assert.Equal(Count(resnet, "") - Count(resnet, "skips"), Count(orig, ""));

        var x = randn(6, 1, 16, 16);
        using var _ = no_grad();
        var h = nn.functional.leaky_relu(((nn.Module<Tensor, Tensor>)orig.named_children().Single(c => c.name == "from_rgb").module).forward(x), 0.2);
        foreach (var (_, block) in ((nn.Module)orig.named_children().Single(c => c.name == "blocks").module).named_children())
            h = ((nn.Module<Tensor, Tensor>)block).forward(h);                      // plain blocks in sequence, no 1/√2
        var final = (nn.Module<Tensor, Tensor>)orig.named_children().Single(c => c.name == "final").module;
        var dense = (nn.Module<Tensor, Tensor>)orig.named_children().Single(c => c.name == "dense").module;
        Assert.True(orig.Features(x).allclose(nn.functional.leaky_relu(dense.forward(final.forward(h).flatten(1)), 0.2), atol: 1e-6));
        Assert.Equal(new long[] { 6 }, orig.forward(x).shape);
    }

    [Fact]
    public void ConvolutionCheck_SeesTheSameNoiseInBothReplicas()
    {
        var o = Families.DefaultsOf<StyleGanOptions>("stylegan") with { Channels = 3 };
        manual_seed(5);
        using var g = StyleGan.BuildGenerator(o);
        var subject = new ConvolutionCheck.Subject("g", () => StyleGan.BuildGenerator(o), g, randn(8, o.LatentSize));
        Assert.InRange(ConvolutionCheck.MaxRelativeError(subject), 0, ConvolutionCheck.Tolerance);
    }
}
