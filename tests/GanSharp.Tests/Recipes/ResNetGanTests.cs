using GanSharp.Layers;
using GanSharp.Networks;
using GanSharp.Recipes;
using GanSharp.Recipes.Modern;
using GanSharp.Tests.Training;
using GanSharp.Training;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Recipes;

public sealed class ResNetGanTests
{
    /// <summary>A family's defaults on tiny networks at 16×16 (Fashion-MNIST downsampled), attention at 8×8.</summary>
    private static ResNetGanOptions Tiny(string family, int classes = 0) => Families.DefaultsOf<ResNetGanOptions>(family) with
    {
        Resolution = 16, Attention = 8, Width = 8, BatchSize = 8, LatentSize = 12, Classes = classes, SharedEmbedding = family == "biggan" ? 6 : 0,
    };

    [Fact]
    public void Defaults_FollowTheirPapers()
    {
        var sagan = Families.DefaultsOf<ResNetGanOptions>("sagan");       // Zhang et al. 2019, section 5: hinge, SN in G and D, TTUR 1e-4 / 4e-4, β (0, 0.9)
        Assert.Equal(("hinge", true, true, 1e-4, 4e-4, 0.0, 0.9, 1), (sagan.Loss, sagan.SpectralNorm, sagan.GSpectralNorm, sagan.LrG, sagan.LrD, sagan.Beta1, sagan.Beta2, sagan.DSteps));
        Assert.Equal((0, false, 0.0, (double?)null), (sagan.SharedEmbedding, sagan.HierarchicalZ, sagan.OrthogonalWeight, sagan.EmaDecay));
        var biggan = Families.DefaultsOf<ResNetGanOptions>("biggan");     // Brock et al. 2019: shared embedding, hierarchical z, ortho 1e-4, EMA, 2 D steps
        Assert.Equal((true, 1e-4, 2, 0.999), (biggan.HierarchicalZ, biggan.OrthogonalWeight, biggan.DSteps, biggan.Beta2));
        Assert.True(biggan.SharedEmbedding > 0 && biggan.EmaDecay is > 0.99);
    }

    [Fact]
    public void Sagan_SpectrallyNormalisesEveryLayerOfGAndD_AndAttendsInBoth()
    {
        var o = Tiny("sagan");
        var g = ResNetGan.BuildGenerator(o).modules().ToList();
        var d = ResNetGan.BuildDiscriminator(o).modules().ToList();
        foreach (var network in new[] { g, d })
        {
            int layers = network.Count(m => m is Conv2d or Linear);
            Assert.Equal(layers, network.OfType<SpectralNorm>().Count());
            Assert.Single(network.OfType<SelfAttention>());
        }
        Assert.Equal(new long[] { 3, 1, 16, 16 }, ResNetGan.BuildGenerator(o).forward(randn(3, 12)).shape);
    }

    [Fact]
    public void Shape_PlacesChannelsAndRefusesAttentionOffTheLevels()
    {
        var shape = new ResNetGanShape(32, 16, 256, 16);
        Assert.Equal(new[] { 4, 8, 16, 32 }, shape.Sides);
        Assert.Equal(new[] { 64, 32, 16, 16 }, Enumerable.Range(0, 4).Select(shape.ChannelsAt));
        Assert.Equal(new[] { 48, 32, 16, 16 }, Enumerable.Range(0, 4).Select(new ResNetGanShape(32, 16, 48, 0).ChannelsAt));
        Assert.Contains("7, 14, 28", Assert.Throws<GanSharpException>(() => new ResNetGanShape(28, 16, 256, 16).Check()).Message);
        Assert.Equal(new[] { 34, 32, 32, 32 }, ResNetGanGenerator.Chunks(130, 4));   // the first layer takes what does not divide
        Assert.Contains("--penalty", Assert.Throws<GanSharpException>(() => (Tiny("sagan") with { Penalty = "gp" }).Validate()).Message);
    }

    [Fact]
    public void Biggan_HierarchicalZ_ReachesEveryBlock_AndTheClassChangesTheImage()
    {
        manual_seed(8);
        var g = (ResNetGanGenerator)ResNetGan.BuildGenerator(Tiny("biggan", classes: 3));
        g.eval();
        var z = randn(1, 12);
        Tensor Image(Tensor latent, long klass) => g.forward(cat(new[] { latent, nn.functional.one_hot(tensor(new[] { klass }), 3).to_type(ScalarType.Float32) }, 1));
        var baseImage = Image(z, 0);
        Assert.False(baseImage.allclose(Image(z, 2)));
        // Chunks of 12 over 2 blocks + the first layer: 4 each. Changing only the last chunk changes the image (it enters the last block's batch norms).
        var lastChunk = z.clone();
        lastChunk[0, 11] = lastChunk[0, 11] + 1;
        Assert.False(baseImage.allclose(Image(lastChunk, 0)));
        Assert.DoesNotContain(g.RegularisedWeights, w => w.shape.SequenceEqual(new long[] { 6, 3 }));   // the shared embedding is not regularised
    }

    [Fact]
    public void ConditionalBiggan_TrainsWithOrthogonalRegularisation_AndDrawsClassRows()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "b", Tiny("biggan", classes: 10), TinyRuns.Trainer(1));
        var log = s.Recipe.Step(s.Data);
        Assert.Null(log.FirstNonFinite());
        Assert.Equal(2, s.Data.BatchInEpoch);                                       // 2 D steps, each on a fresh batch
        Assert.InRange(log["ortho/g"], 1e-9, 10);
        var recipe = (ResNetGan)s.Recipe;
        using var probe = recipe.Probe(3);
        var panel = (ImagePanel)probe.Draw();
        Assert.Equal((80L, 8), (panel.Images.shape[0], panel.Columns));            // 10 classes × 8 columns
        // Truncation ψ = 0 sets z to its mode: every image of a class is the same.
        using var g = new Generator(5);
        var latents = recipe.Latent(randn(4, 12, generator: g), full(4, 7L));
        var images = recipe.SampleTruncated(latents, 0);
        Assert.True(images.allclose(images[0].expand_as(images), atol: 1e-6));
        Assert.False(recipe.Sample(latents).allclose(recipe.Sample(latents)[0].expand_as(images), atol: 1e-3));
    }

    [Fact]
    public void Unconditional_HasNoClassGrid_AndConditional_NeedsLabels()
    {
        using var tmp = TestSetup.Temp();
        using var s = TinyRuns.Start(tmp, "u", Tiny("sagan"), TinyRuns.Trainer(1));
        Assert.Null(RecipeCapabilities.Conditional(s.Recipe));                       // no class grids for an unconditional run
        using var conditional = new ResNetGan(Tiny("sagan", classes: 4), 1, CPU);
        var unlabelled = GanSharp.Data.DataShape.Image(3, 16, 16);
        Assert.Contains("no class labels", Assert.Throws<GanSharpException>(() => conditional.CheckData(unlabelled, "folder x")).Message);
    }

    [Theory]
    [InlineData("sagan", 0, "none")]
    [InlineData("biggan", 10, "color,translation,cutout")]   // EMA, projection, shared embedding and the augmentation's stream
    public void Resume_IsBitIdentical(string family, int classes, string augment)
    {
        using var tmp = TestSetup.Temp();
        TinyRuns.AssertResumesBitIdentically(tmp, Tiny(family, classes) with { DiffAugment = augment });
    }

    [Fact]
    public void DiffAugment_OnDcgan_ResumesBitIdentically_AndChangesTraining()
    {
        using var tmp = TestSetup.Temp();
        var augmented = TinyRuns.AssertResumesBitIdentically(tmp, TinyRuns.Dcgan() with { DiffAugment = "translation,cutout" }, "augmented");
        var plain = TinyRuns.AssertResumesBitIdentically(tmp, TinyRuns.Dcgan(), "plain");
        Assert.NotEqual(plain, augmented);
    }
}
