using GanSharp.Networks;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Networks;

/// <summary>pix2pix's U-Net and PatchGAN: shapes at every supported side, their layers counted by hand, the PatchGAN's receptive field measured.</summary>
public sealed class ImageToImageNetworkTests
{
    [Theory]
    [InlineData(32, 0)]
    [InlineData(64, 1)]
    [InlineData(128, 2)]
    [InlineData(256, 3)]
    public void UNet_MapsImagesToImagesOfTheSameSide_WithDropoutInItsWideInnerDecoderLayers(int side, int dropouts)
    {
        using var g = new UNetGenerator(1, 3, side, width: 4);
        using var x = g.forward(randn(2, 1, side, side));
        Assert.Equal(new long[] { 2, 3, side, side }, x.shape);
        Assert.True(x.abs().max().item<float>() <= 1f);
        var names = g.named_modules().Select(m => m.name).ToList();
        Assert.Equal((int)Math.Log2(side), names.Count(n => n.StartsWith("down.") && n.EndsWith(".conv")));
        Assert.Equal(dropouts, names.Count(n => n.EndsWith(".dropout")));
    }

    [Fact]
    public void UNet_At32_HasTheParametersCountedByHand()
    {
        // width 8, 1 → 1 channel, batch norm (convolutions before a norm have no bias). Down: 4×4 convs 1→8 (bias-free too,
        // as junyanz's outermost), 8→16, 16→32, 32→64, 64→64; norms on the middle three (16, 32, 64).
        long down = 16 * (1 * 8 + 8 * 16 + 16 * 32 + 32 * 64 + 64 * 64) + 2 * (16 + 32 + 64);
        // Up (innermost first): 64→64, then skips double the inputs: 128→32, 64→16, 32→8, and 16→1 with a bias; norms 64, 32, 16, 8.
        long up = 16 * (64 * 64 + 128 * 32 + 64 * 16 + 32 * 8 + 16 * 1) + 1 + 2 * (64 + 32 + 16 + 8);
        using var g = new UNetGenerator(1, 1, 32, width: 8);
        Assert.Equal(down + up, g.parameters().Sum(p => p.numel()));
        Assert.Throws<GanSharpException>(() => new UNetGenerator(1, 1, 28));
    }

    [Fact]
    public void UNet_SkipConnections_CarryTheInputsFinestDetail()
    {
        // Change one input pixel: the output changes within a few pixels of it even though the innermost map is 1×1 for everything;
        // without the outermost skip a single pixel would spread over the 4×4 window of the last transposed convolution only via all layers.
        using var g = new UNetGenerator(1, 1, 32, width: 8, dropout: false);
        g.eval();
        using var x = randn(1, 1, 32, 32);
        using var changed = x.clone();
        changed[0, 0, 16, 16] = changed[0, 0, 16, 16] + 5;
        using var diff = (g.forward(changed) - g.forward(x)).abs()[0, 0];
        var nearby = diff.narrow(0, 14, 5).narrow(1, 14, 5).max().item<float>();
        Assert.True(nearby > 1e-3f, $"largest change near the pixel {nearby}");
    }

    [Fact]
    public void PatchGan_OfThreeLayers_SeesA70PixelPatch()
    {
        // Measured, not assumed: the input pixels whose gradient reaches one central logit span 70 rows and 70 columns.
        // Batch norm in eval mode (running statistics) leaves positions uncoupled; instance norm normalises over the whole
        // map, so with it every logit also depends on every pixel through the statistics, whatever its convolutions see.
        using var d = new PatchGanDiscriminator(2, width: 4, layers: 3, norm: "batch");
        d.eval();
        using var x = randn(1, 2, 160, 160).requires_grad_();
        var logits = d.forward(x);                                              // 160 → 80 → 40 → 20 → 19 → 18
        Assert.Equal(new long[] { 1, 1, 18, 18 }, logits.shape);
        logits[0, 0, 9, 9].backward();
        var reached = x.grad!.abs().sum(new long[] { 0, 1 }).gt(0);            // (160, 160)
        var rows = reached.any(1).nonzero().view(-1);
        var cols = reached.any(0).nonzero().view(-1);
        Assert.Equal(70, rows[-1].item<long>() - rows[0].item<long>() + 1);
        Assert.Equal(70, cols[-1].item<long>() - cols[0].item<long>() + 1);
    }

    [Fact]
    public void PatchGan_At32_GivesAPatchOfLogits_WithParametersCountedByHand()
    {
        // in 6 (A and B of 3 channels), width 8, batch norm: conv0 6→8 (+bias), conv1 8→16, conv2 16→32, conv3 32→64 (no bias, norms), logits 64→1 (+bias)
        long expected = 16 * (6 * 8 + 8 * 16 + 16 * 32 + 32 * 64 + 64 * 1) + 8 + 1 + 2 * (16 + 32 + 64);
        using var d = new PatchGanDiscriminator(6, width: 8);
        Assert.Equal(expected, d.parameters().Sum(p => p.numel()));
        Assert.Equal(new long[] { 2, 1, 2, 2 }, d.forward(randn(2, 6, 32, 32)).shape);   // 32 → 16 → 8 → 4 → 3 → 2
    }

    [Theory]
    [InlineData(24, 3)]
    [InlineData(32, 1)]
    [InlineData(64, 3)]
    [InlineData(64, 4)]
    [InlineData(100, 2)]
    public void PatchGan_PatchesPerSide_IsWhatTheNetworkGives(int side, int layers)
    {
        // what the options check before building: it must agree with the layers' arithmetic
        using var d = new PatchGanDiscriminator(1, width: 2, layers: layers, norm: "instance");
        Assert.Equal(PatchGanDiscriminator.PatchesPerSide(side, layers), d.forward(randn(1, 1, side, side)).shape[^1]);
    }
}

/// <summary>CycleGAN's parts: the ResNet generator and the image pool.</summary>
public sealed class CycleGanPartsTests
{
    [Theory]
    [InlineData(32, 6)]
    [InlineData(64, 9)]
    public void ResNetGenerator_KeepsTheSide_WithItsBlocksCountedByHand(int side, int blocks)
    {
        // width 4, 3 → 3 channels, instance norm (convolutions keep their biases, the norms have no parameters):
        // c7s1-4: 3·4·49 + 4; d8: 4·8·9 + 8; d16: 8·16·9 + 16; each block 2 × (16·16·9 + 16);
        // u8 (transposed): 16·8·9 + 8; u4: 8·4·9 + 4; c7s1-3: 4·3·49 + 3
        long expected = 3 * 4 * 49 + 4 + 4 * 8 * 9 + 8 + 8 * 16 * 9 + 16 + blocks * 2 * (16 * 16 * 9 + 16) + 16 * 8 * 9 + 8 + 8 * 4 * 9 + 4 + 4 * 3 * 49 + 3;
        using var g = new ResNetGenerator(3, 3, width: 4, blocks: blocks);
        Assert.Equal(expected, g.parameters().Sum(p => p.numel()));
        using var y = g.forward(randn(2, 3, side, side));
        Assert.Equal(new long[] { 2, 3, side, side }, y.shape);
        Assert.Throws<GanSharpException>(() => g.forward(randn(1, 3, 30, 30)));
    }

    [Fact]
    public void ImagePool_FillsThenSwapsWithProbabilityHalf_AsANaiveListWould()
    {
        using var pool = new ImagePool(5, 1, 2, 2);
        using var g = new Generator(7);
        using var reference = new Generator(7);
        var naive = new List<Tensor>();
        var batches = Enumerable.Range(0, 4).Select(b => arange(16).view(4, 1, 2, 2).to_type(ScalarType.Float32) + 100 * b).ToList();
        int swapped = 0;
        foreach (var batch in batches)
        {
            var got = pool.Query(batch, g);
            for (int i = 0; i < 4; i++)
            {
                Tensor expected;
                if (naive.Count < 5) { naive.Add(batch[i].clone()); expected = batch[i]; }
                else if (rand(1, generator: reference).item<float>() > 0.5f)
                {
                    long slot = randint(5, new long[] { 1 }, generator: reference).item<long>();
                    expected = naive[(int)slot];
                    naive[(int)slot] = batch[i].clone();
                    swapped++;
                }
                else expected = batch[i];
                Assert.True(got[i].allclose(expected, 0, 0), $"image {i}");
            }
        }
        Assert.Equal(5, pool.Count);
        Assert.InRange(swapped, 1, 10);                                          // 11 draws after the fill: some swap, some pass
        Assert.Equal(new[] { "images", "stored" }, pool.named_buffers().Select(b => b.name).ToArray());   // checkpointed with the recipe
    }
}

/// <summary>SRGAN's generator and the sub-pixel convolution it upsamples with.</summary>
public sealed class SrResNetTests
{
    [Fact]
    public void PixelShuffle_MovesEachGroupOfFourChannelsIntoA2x2Block_AsANaiveLoop()
    {
        // out[c, 2h + i, 2w + j] = in[4c + 2i + j, h, w] (Shi et al. 2016), checked element by element
        var x = arange(2 * 4 * 2 * 3).view(1, 8, 2, 3).to_type(ScalarType.Float32);
        var y = TorchSharp.torch.nn.PixelShuffle(2).forward(x);
        Assert.Equal(new long[] { 1, 2, 4, 6 }, y.shape);
        var xs = x.data<float>().ToArray();
        var ys = y.data<float>().ToArray();
        for (int c = 0; c < 2; c++)
            for (int h = 0; h < 2; h++)
                for (int w = 0; w < 3; w++)
                    for (int i = 0; i < 2; i++)
                        for (int j = 0; j < 2; j++)
                            Assert.Equal(xs[((4 * c + 2 * i + j) * 2 + h) * 3 + w], ys[(c * 4 + 2 * h + i) * 6 + 2 * w + j]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void SrResNet_UpscalesByItsFactor_WithParametersCountedByHand(int factor)
    {
        // width 4, one residual block, 3 channels: head 9×9 conv 3→4 (+bias) and PReLU(4); block 2 × (3×3 4→4, no bias) + 2 batch norms
        // + PReLU(4); tail 3×3 4→4 + batch norm; each ×2 stage 3×3 4→16 (+bias) and PReLU(4); to_image 9×9 4→3 (+bias)
        int stages = (int)Math.Log2(factor);
        long expected = 3 * 4 * 81 + 4 + 4 + 2 * 4 * 4 * 9 + 2 * 8 + 4 + 4 * 4 * 9 + 8 + stages * (4 * 16 * 9 + 16 + 4) + 4 * 3 * 81 + 3;
        using var g = new SrResNet(3, width: 4, blocks: 1, factor: factor);
        Assert.Equal(expected, g.parameters().Sum(p => p.numel()));
        using var y = g.forward(randn(2, 3, 8, 8));
        Assert.Equal(new long[] { 2, 3, 8 * factor, 8 * factor }, y.shape);
    }
}

public sealed class SrganDiscriminatorTests
{
    [Theory]
    [InlineData(32)]
    [InlineData(96)]
    public void SrganDiscriminator_GivesOneLogitPerImage_AtAnySize_WithParametersCountedByHand(int side)
    {
        // width 2: conv0 3→2 (+bias); 3×3 convs without bias 2→2, 2→4, 4→4, 4→8, 8→8, 8→16, 16→16 with their batch norms; dense 16→32 and 32→1
        long convs = 9 * (2 * 2 + 2 * 4 + 4 * 4 + 4 * 8 + 8 * 8 + 8 * 16 + 16 * 16);
        long expected = 9 * 3 * 2 + 2 + convs + 2 * (2 + 4 + 4 + 8 + 8 + 16 + 16) + 16 * 32 + 32 + 32 + 1;
        using var d = new SrganDiscriminator(3, width: 2);
        Assert.Equal(expected, d.parameters().Sum(p => p.numel()));
        Assert.Equal(new long[] { 5 }, d.forward(randn(5, 3, side, side)).shape);
    }
}
