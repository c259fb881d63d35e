using GanSharp.Layers;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Layers;

public sealed class SpectralNormTests
{
    private static double LargestSingularValue(Tensor w) =>
        linalg.svdvals(w.detach().reshape(w.shape[0], -1).to_type(ScalarType.Float64))[0].item<double>();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sigma_AfterEnoughIterations_MatchesSvdvalsWithinOnePercent(bool convolution)
    {
        manual_seed(11);
        var sn = new SpectralNorm(convolution ? nn.Conv2d(6, 8, 3) : nn.Linear(20, 30));
        var x = convolution ? randn(2, 6, 7, 7) : randn(2, 20);
        sn.train();
        for (int i = 0; i < 100; i++) sn.forward(x).Dispose();
        double sigma = sn.Sigma().item<float>();
        Assert.InRange(sigma / LargestSingularValue(sn.Weight), 0.99, 1.01);
    }

    [Fact]
    public void Forward_UsesTheNormalisedWeight_WhoseSpectralNormIsOne()
    {
        manual_seed(3);
        var layer = nn.Linear(10, 5, hasBias: false);
        var sn = new SpectralNorm(layer);
        var x = eye(10);
        for (int i = 0; i < 100; i++) sn.forward(x).Dispose();
        // With x = I, the output rows are the columns of W_sn: its largest singular value is 1.
        var effective = sn.forward(x).t();
        Assert.InRange(LargestSingularValue(effective), 0.99, 1.01);
    }

    [Fact]
    public void Eval_DoesNotIterate_AndBuffersAreInTheStateDict()
    {
        var sn = new SpectralNorm(nn.Linear(4, 3));
        Assert.Contains("u", sn.state_dict().Keys);
        Assert.Contains("v", sn.state_dict().Keys);
        sn.eval();
        var before = sn.state_dict()["u"].clone();
        sn.forward(randn(2, 4));
        Assert.True(sn.state_dict()["u"].allclose(before, 0, 0));
    }

    [Fact]
    public void Gradient_FlowsToTheWrappedWeight()
    {
        var sn = new SpectralNorm(nn.Linear(4, 3));
        sn.forward(randn(2, 4)).sum().backward();
        Assert.NotNull(sn.Weight.grad);
        Assert.True(sn.Weight.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void TwoForwardsInOneGraph_BackpropagateWithoutAnInPlaceError()
    {
        // D sees the real and the fake batch in one graph; the second power iteration must not
        // invalidate tensors the first forward saved for backward.
        var sn = new SpectralNorm(nn.Conv2d(1, 2, 3));
        var loss = sn.forward(randn(2, 1, 5, 5)).sum() + sn.forward(randn(2, 1, 5, 5)).sum();
        loss.backward();
        Assert.True(sn.Weight.grad!.abs().sum().item<float>() > 0);
    }
}
