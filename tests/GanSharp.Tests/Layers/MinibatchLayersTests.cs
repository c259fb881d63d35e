using GanSharp.Layers;
using GanSharp.Networks;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Layers;

public sealed class MinibatchLayersTests
{
    [Fact]
    public void MinibatchDiscrimination_MatchesANaiveLoopOfThe004Formula()
    {
        manual_seed(2);
        const int n = 5, a = 6, b = 4, c = 3;
        var layer = new MinibatchDiscrimination(a, b, c);
        var f = randn(n, a);
        var output = layer.forward(f);
        var t = layer.parameters().Single().detach().view(a, b, c);
        Assert.Equal(new long[] { n, a + b }, output.shape);
        for (int i = 0; i < n; i++)
        {
            // M_i = f(x_i) T ∈ R^{B×C}, by explicit sums.
            double M(int s, int kb, int kc) => Enumerable.Range(0, a).Sum(k => f[s, k].item<float>() * (double)t[k, kb, kc].item<float>());
            for (int kb = 0; kb < b; kb++)
            {
                double o = 0;
                for (int j = 0; j < n; j++)
                    o += Math.Exp(-Enumerable.Range(0, c).Sum(kc => Math.Abs(M(i, kb, kc) - M(j, kb, kc))));
                Assert.Equal(o, output[i, a + kb].item<float>(), 3);
            }
            for (int k = 0; k < a; k++) Assert.Equal(f[i, k].item<float>(), output[i, k].item<float>());
        }
    }

    [Fact]
    public void MinibatchDiscrimination_OfIdenticalSamples_CountsTheBatch()
    {
        // A collapsed batch: every c_b = exp(0) = 1, so o_b = n — the signal D learns to read.
        var layer = new MinibatchDiscrimination(3, 2, 2);
        var output = layer.forward(ones(7, 3));
        Assert.True(output.narrow(1, 3, 2).allclose(full(7, 2, 7f)));
    }

    [Fact]
    public void MinibatchStdDev_MatchesANaiveComputation()
    {
        manual_seed(4);
        var x = randn(8, 2, 3, 3);
        var y = new MinibatchStdDev(groupSize: 4).forward(x);
        Assert.Equal(new long[] { 8, 3, 3, 3 }, y.shape);
        // Groups are the samples i ≡ m (mod 2): {0, 2, 4, 6} and {1, 3, 5, 7}.
        foreach (int m in new[] { 0, 1 })
        {
            var members = new[] { m, m + 2, m + 4, m + 6 };
            double total = 0;
            for (int ch = 0; ch < 2; ch++)
                for (int h = 0; h < 3; h++)
                    for (int w = 0; w < 3; w++)
                    {
                        var values = members.Select(i => (double)x[i, ch, h, w].item<float>()).ToArray();
                        double mean = values.Average();
                        total += Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length + 1e-8);
                    }
            foreach (int i in members) Assert.Equal(total / 18, y[i, 2, 1, 1].item<float>(), 5);
        }
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 0)]
    [InlineData(false, 16)]
    [InlineData(true, 16)]
    public void Discriminators_WithEitherMinibatchLayer_StillGiveOneLogitPerImage(bool stddev, int kernels)
    {
        var o = new DiscriminatorOptions(MinibatchStdDev: stddev, MinibatchKernels: kernels);
        var x = randn(4, 1, 28, 28);
        Assert.Equal(new long[] { 4 }, new DcganDiscriminator(28, 8, options: o).forward(x).shape);
        Assert.Equal(new long[] { 4 }, new VanillaDiscriminator(32, options: o).forward(x).shape);
    }
}
