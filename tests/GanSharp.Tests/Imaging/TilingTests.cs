using GanSharp.Imaging;
using GanSharp.Networks;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Imaging;

public sealed class TilingTests
{
    [Fact]
    public void IdentityInTiles_GivesTheImageBack_AtSizesThatAreNoMultipleOfTheStep()
    {
        var image = rand(new long[] { 1, 3, 19, 26 });
        var tiled = Tiling.Apply(x => x.clone(), image, tile: 8, margin: 2, batchSize: 5);   // steps of 4; 5 windows a batch over 5 × 7 windows
        Assert.Equal(image.data<float>().ToArray(), tiled.data<float>().ToArray());
    }

    [Fact]
    public void SrResNetInTiles_WithItsReceptiveRadiusAsMargin_EqualsOnePassAwayFromTheBorder()
    {
        // the image's border differs (one pass pads every layer with zeros, the tiles replicate the image), the interior must not
        manual_seed(2);
        using var net = new SrResNet(channels: 3, width: 4, blocks: 1, factor: 4);
        net.eval();
        using var _ = no_grad();
        int margin = SrResNet.ReceptiveRadius(1, 4);
        Assert.Equal(10, margin);                                               // ⌈4 + 2 + 1 + 1 + ½ + 1⌉: head, block, tail, ×2 convs at 1 and ½, last 9×9 at ¼
        var image = rand(new long[] { 1, 3, 45, 61 }) * 2 - 1;
        var whole = net.forward(image);
        var tiled = Tiling.Apply(net.forward, image, tile: 32, margin: margin, factor: 4, batchSize: 3);
        Assert.Equal(whole.shape, tiled.shape);
        long inner = 4 * margin;
        var a = whole.narrow(2, inner, whole.shape[2] - 2 * inner).narrow(3, inner, whole.shape[3] - 2 * inner);
        var b = tiled.narrow(2, inner, whole.shape[2] - 2 * inner).narrow(3, inner, whole.shape[3] - 2 * inner);
        Assert.True((a - b).abs().max().item<float>() < 1e-5f, $"tiles differ by {(a - b).abs().max().item<float>()}");
        // a margin short of the radius leaves seams
        var seamed = Tiling.Apply(net.forward, image, tile: 32, margin: 2, factor: 4);
        var c = seamed.narrow(2, inner, whole.shape[2] - 2 * inner).narrow(3, inner, whole.shape[3] - 2 * inner);
        Assert.True((a - c).abs().max().item<float>() > 1e-4f);
    }
}
