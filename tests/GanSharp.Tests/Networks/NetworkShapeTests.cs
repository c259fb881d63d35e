using GanSharp.Networks;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Networks;

public sealed class NetworkShapeTests
{
    private static long Count(nn.Module m) => m.parameters().Sum(p => p.numel());

    [Fact]
    public void VanillaGenerator_IsTheBooksNetwork()
    {
        using var g = new VanillaGenerator();
        using var z = torch.randn(5, 100);
        using var x = g.forward(z);
        Assert.Equal(new long[] { 5, 1, 28, 28 }, x.shape);
        // 100·500+500 + 500·500+500 + 500·784+784, counted by hand from 004's layer table.
        Assert.Equal(693_784, Count(g));
        Assert.InRange(x.min().item<float>(), -1f, 1f);
        Assert.InRange(x.max().item<float>(), -1f, 1f);
    }

    [Fact]
    public void VanillaDiscriminator_IsTheBooksNetwork()
    {
        using var d = new VanillaDiscriminator();
        using var x = torch.randn(5, 1, 28, 28);
        Assert.Equal(new long[] { 5 }, d.forward(x).shape);
        Assert.Equal(784 * 500 + 500 + 500 * 500 + 500 + 500 + 1, Count(d));
    }

    [Theory]
    [InlineData(28, 64)]
    [InlineData(64, 16)]
    [InlineData(32, 8)]
    public void Dcgan_MapsLatentToImagesAndImagesToOneLogit(int resolution, int width)
    {
        using var g = new DcganGenerator(100, resolution, width);
        using var d = new DcganDiscriminator(resolution, width);
        using var x = g.forward(torch.randn(3, 100));
        Assert.Equal(new long[] { 3, 1, resolution, resolution }, x.shape);
        Assert.Equal(new long[] { 3 }, d.forward(x).shape);
    }

    [Fact]
    public void Dcgan_At128InColour_HasOneMoreBlockPerDoubling_CountedByHand()
    {
        // 128 = 4·2⁵: five stages, widest 8·2⁴ = 128 channels. G by hand (no conv biases):
        // project 100·128·16 + up 128·64·16 + 64·32·16 + 32·16·16 + 16·8·16 + to_image 8·3·16, and 2c per batch norm.
        long g128 = 100 * 128 * 16 + 128 * 64 * 16 + 64 * 32 * 16 + 32 * 16 * 16 + 16 * 8 * 16 + 8 * 3 * 16 + 2 * (128 + 64 + 32 + 16 + 8);
        // D mirrors it: from_image 3·8·16, down 8·16·16 + 16·32·16 + 32·64·16 + 64·128·16 with their norms, head 128·4·4 → 1.
        long d128 = 3 * 8 * 16 + 8 * 16 * 16 + 16 * 32 * 16 + 32 * 64 * 16 + 64 * 128 * 16 + 2 * (16 + 32 + 64 + 128) + 128 * 16;
        using var g = new DcganGenerator(100, 128, 8, channels: 3);
        using var d = new DcganDiscriminator(128, 8, channels: 3);
        Assert.Equal(g128, g.parameters().Sum(p => p.numel()));
        Assert.Equal(d128, d.parameters().Sum(p => p.numel()));
        using var x = g.forward(torch.randn(2, 100));
        Assert.Equal(new long[] { 2, 3, 128, 128 }, x.shape);
        Assert.Equal(new long[] { 2 }, d.forward(x).shape);
        Assert.Equal(new long[] { 2, 128, 4, 4 }, d.Features(x).shape);
    }

    [Fact]
    public void Dcgan_BatchNormEverywhereButGeneratorOutputAndDiscriminatorInput()
    {
        using var g = new DcganGenerator(100, 64, 8);
        using var d = new DcganDiscriminator(64, 8);
        var gLayers = g.modules().Where(m => m is ConvTranspose2d or BatchNorm2d or Tanh).Select(m => m.GetType().Name).ToList();
        // project, 3 up-stages each followed by BN, then the output conv straight into tanh.
        Assert.Equal(new[] { "ConvTranspose2d", "BatchNorm2d", "ConvTranspose2d", "BatchNorm2d", "ConvTranspose2d", "BatchNorm2d",
                             "ConvTranspose2d", "BatchNorm2d", "ConvTranspose2d", "Tanh" }, gLayers);
        var dLayers = d.modules().Where(m => m is Conv2d or BatchNorm2d).Select(m => m.GetType().Name).ToList();
        Assert.Equal(new[] { "Conv2d", "Conv2d", "BatchNorm2d", "Conv2d", "BatchNorm2d", "Conv2d", "BatchNorm2d", "Conv2d" }, dLayers);
        Assert.DoesNotContain(d.modules(), m => m is MaxPool2d or AvgPool2d);
        Assert.Equal(0.2, d.modules().OfType<LeakyReLU>().Select(l => l.negative_slope).Distinct().Single(), 9);
    }

    [Fact]
    public void Dcgan_WeightsFollowTheInitialisationOfThePaper()
    {
        torch.manual_seed(1);
        using var g = new DcganGenerator(100, 64, 64);
        var convStd = g.modules().OfType<ConvTranspose2d>().Select(c => c.weight.std().item<float>()).ToList();
        Assert.All(convStd, s => Assert.InRange(s, 0.019, 0.021));
        var bn = g.modules().OfType<BatchNorm2d>().First();
        Assert.InRange(bn.weight!.mean().item<float>(), 0.99, 1.01);
        Assert.Equal(0f, bn.bias!.abs().max().item<float>());
    }

    [Fact]
    public void DcganShape_RejectsUnsupportedResolution_NamingValidOnes()
    {
        var e = Assert.Throws<GanSharpException>(() => DcganShape.Of(30));
        Assert.Contains("28, 32, 64", e.Message);
    }

    [Fact]
    public void ToyMlps_FollowDepthWidthAndGeneratorNorm()
    {
        var o = GanSharp.Recipes.Families.DefaultsOf<GanSharp.Recipes.ToyOptions>("toy") with { Width = 40, Depth = 4, GNorm = "batch", LatentSize = 2 };
        using var g = GanSharp.Recipes.Gan.BuildGenerator(o.Validated());
        using var d = GanSharp.Recipes.Gan.BuildDiscriminator(o);
        // G: 2·40 + 3·(40·40) weights without biases (batch norm shifts instead), 4 BN layers of 2·40, 40·2+2 out.
        Assert.Equal(2 * 40 + 3 * 40 * 40 + 4 * 2 * 40 + 40 * 2 + 2, Count(g));
        Assert.Equal(4, g.modules().OfType<BatchNorm1d>().Count());
        // D: 2·40+40, 3·(40·40+40), 40+1.
        Assert.Equal(2 * 40 + 40 + 3 * (40 * 40 + 40) + 41, Count(d));
        using var x = g.forward(torch.randn(6, 2));
        Assert.Equal(new long[] { 6, 2 }, x.shape);
        Assert.Equal(new long[] { 6 }, d.forward(x).shape);
        using var plain = GanSharp.Recipes.Gan.BuildGenerator(o with { GNorm = "none", Depth = 1 });
        Assert.Empty(plain.modules().OfType<BatchNorm1d>());
        Assert.Equal(2 * 40 + 40 + 40 * 2 + 2, Count(plain));
        Assert.Empty(g.modules().OfType<LeakyReLU>());
        using var leaky = GanSharp.Recipes.Gan.BuildGenerator(o with { GActivation = "leaky-relu" });
        Assert.Equal(4, leaky.modules().OfType<LeakyReLU>().Count());
        Assert.Empty(leaky.modules().OfType<ReLU>());
        Assert.Equal(Count(g), Count(leaky));
    }

    [Fact]
    public void DepthAndGeneratorNorm_AreFlagsOfTheToyFamilyOnly()
    {
        var image = FlagProperty.Of(typeof(GanSharp.Recipes.GanOptions)).Select(f => f.Name).ToList();
        var toy = FlagProperty.Of(typeof(GanSharp.Recipes.ToyOptions)).Select(f => f.Name).ToList();
        foreach (var flag in new[] { "--depth", "--g-norm", "--g-activation" })
        {
            Assert.DoesNotContain(flag, image);
            Assert.Contains(flag, toy);
        }
        Assert.Contains("--networks", image);
        Assert.DoesNotContain("--networks", toy);                                      // the toy family's networks are toy-mlp
        Assert.Contains("--g-norm", Assert.Throws<GanSharp.GanSharpException>(() => (GanSharp.Recipes.Families.DefaultsOf<GanSharp.Recipes.ToyOptions>("toy") with { GNorm = "layer" }).Validated()).Message);
    }
}
