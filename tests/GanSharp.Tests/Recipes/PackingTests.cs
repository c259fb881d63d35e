using GanSharp.Recipes;
using GanSharp.Tests.Training;
using GanSharp.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Recipes;

/// <summary>PacGAN's packing (Lin et al. 2018): m consecutive samples side by side for D.</summary>
public sealed class PackingTests
{
    [Fact]
    public void Pack_PutsConsecutivePointsSideBySide()
    {
        var x = arange(12, dtype: ScalarType.Float32).view(6, 2);      // points (0,1), (2,3), …
        var packed = Gan.Pack(x, 3);
        Assert.Equal(new long[] { 2, 6 }, packed.shape);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, packed[0].data<float>().ToArray());
        Assert.Equal(new float[] { 6, 7, 8, 9, 10, 11 }, packed[1].data<float>().ToArray());
    }

    [Fact]
    public void Pack_OfImages_StacksChannels()
    {
        var images = randn(4, 1, 5, 5);
        var packed = Gan.Pack(images, 2);
        Assert.Equal(new long[] { 2, 2, 5, 5 }, packed.shape);
        Assert.True(packed[1][0].allclose(images[2][0], 0, 0));
        Assert.True(packed[1][1].allclose(images[3][0], 0, 0));
        Assert.Same(images, Gan.Pack(images, 1));
    }

    [Fact]
    public void PackedDiscriminator_SeesPacksAndTrains()
    {
        var options = Families.DefaultsOf<GanSharp.Recipes.ToyOptions>("toy") with { Width = 16, BatchSize = 32, Pack = 4 };
        var d = Gan.BuildDiscriminator(options);
        Assert.Equal(8, d.parameters().First().shape[1]);                 // 4 points of 2-D
        using var tmp = TestSetup.Temp();
        using var s = TrainingSession.Create(options, new TrainerOptions { Steps = 3, Dataset = "toy:ring", Seed = 1, LogEvery = 1, SampleEvery = 1000 }, new RunDirectory(tmp.File("p")), _ => { });
        s.Train(Array.Empty<ITrainingCallback>());
        Assert.Equal(3, s.Recipe.StepsDone);
        // One logit per point for plots: each point fills its whole pack.
        Assert.Equal(new long[] { 5 }, s.Gan().LogitsAt(randn(5, 2)).shape);
    }

    [Theory]
    [InlineData(30, 4, "multiple of --pack")]
    [InlineData(32, 0, "--pack must be positive")]
    public void BadPacking_IsRefusedWithTheReason(int batch, int pack, string message)
    {
        var e = Assert.Throws<GanSharpException>(() => (Families.DefaultsOf<GanSharp.Recipes.ToyOptions>("toy") with { BatchSize = batch, Pack = pack }).Validated());
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Packing_IsNoFlagOfTheAutoencoderOrConditionalFamilies()
    {
        foreach (var family in new[] { "began", "ebgan", "cgan", "acgan" })
            Assert.DoesNotContain("--pack", FlagProperty.Of(Families.Named(family).OptionsType).Select(f => f.Name));
        Assert.Contains("--pack", FlagProperty.Of(Families.Named("toy").OptionsType).Select(f => f.Name));
    }
}
