using GanSharp.Layers;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Layers;

public sealed class AttentionAndNormTests
{
    [Fact]
    public void SelfAttention_WithGammaZero_IsTheIdentity()
    {
        manual_seed(3);
        var attention = new SelfAttention(16, spectralNorm: true);
        var x = randn(2, 16, 5, 5);
        Assert.Equal(0f, attention.Gamma.item<float>());
        Assert.True(attention.forward(x).equal(x).all().item<bool>());
    }

    [Fact]
    public void SelfAttention_WithGammaOne_MatchesANaiveFloat64Loop()
    {
        manual_seed(4);
        var attention = new SelfAttention(8, spectralNorm: false);
        using (no_grad()) attention.Gamma.fill_(1);
        var x = randn(1, 8, 2, 3);
        var y = attention.forward(x);
        double[,] W(string name)
        {
            var w = attention.named_parameters().Single(p => p.name == name + ".weight").parameter.squeeze(-1).squeeze(-1).to_type(ScalarType.Float64);
            var a = new double[w.shape[0], w.shape[1]];
            for (int i = 0; i < w.shape[0]; i++) for (int j = 0; j < w.shape[1]; j++) a[i, j] = w[i, j].item<double>();
            return a;
        }
        var (wq, wk, wv, wo) = (W("query"), W("key"), W("value"), W("output"));
        int c = 8, n = 6;
        var xs = x.view(c, n).to_type(ScalarType.Float64);
        double X(int ch, int pos) => xs[ch, pos].item<double>();
        double[] Project(double[,] m, int pos) => Enumerable.Range(0, m.GetLength(0)).Select(o => Enumerable.Range(0, c).Sum(i => m[o, i] * X(i, pos))).ToArray();
        for (int i = 0; i < n; i++)
        {
            var qi = Project(wq, i);
            var scores = Enumerable.Range(0, n).Select(j => qi.Zip(Project(wk, j), (a, b) => a * b).Sum()).ToArray();
            var weights = scores.Select(s => Math.Exp(s - scores.Max())).ToArray();
            double total = weights.Sum();
            var mixed = new double[wv.GetLength(0)];
            for (int j = 0; j < n; j++)
            {
                var vj = Project(wv, j);
                for (int k = 0; k < mixed.Length; k++) mixed[k] += weights[j] / total * vj[k];
            }
            for (int o = 0; o < c; o++)
            {
                double expected = X(o, i) + Enumerable.Range(0, mixed.Length).Sum(k => wo[o, k] * mixed[k]);
                Assert.InRange(y[0, o, i / 3, i % 3].item<float>(), expected - 1e-4, expected + 1e-4);
            }
        }
    }

    [Fact]
    public void ConditionalBatchNorm_WithAConstantEmbedding_EqualsBatchNormWithThoseGammaAndBeta()
    {
        manual_seed(5);
        var cbn = new ConditionalBatchNorm(3, conditionSize: 4, spectralNorm: false);
        var gamma = tensor(new[] { 0.5f, 2f, -1f });
        var beta = tensor(new[] { 0.1f, -0.3f, 0.7f });
        using (no_grad())
        {
            // Zero maps with biases γ − 1 and β: every condition vector gives the same γ and β.
            var p = cbn.named_parameters().ToDictionary(q => q.name, q => q.parameter);
            p["gain.weight"].zero_(); p["gain.bias"].copy_(gamma - 1);
            p["bias.weight"].zero_(); p["bias.bias"].copy_(beta);
        }
        var x = randn(6, 3, 4, 4);
        var y = cbn.forward(x, randn(6, 4));
        var expected = nn.functional.batch_norm(x, null, null, weight: gamma, bias: beta, training: true, eps: 1e-5);
        Assert.True(y.allclose(expected, rtol: 1e-5, atol: 1e-5));
        // Size 0: plain batch norm with its own learned γ, β (1 and 0 at first).
        var plain = new ConditionalBatchNorm(3, conditionSize: 0, spectralNorm: false);
        Assert.True(plain.forward(x, zeros(6, 0)).allclose(nn.functional.batch_norm(x, null, null, training: true, eps: 1e-5), rtol: 1e-5, atol: 1e-5));
    }


    [Fact]
    public void PixelNorm_GivesUnitRootMeanSquareOverChannels()
    {
        var y = new PixelNorm().forward(tensor(new[] { 3f, 4f }).view(1, 2, 1, 1));
        float expected = 3 / MathF.Sqrt(12.5f);                         // 3 / sqrt((9 + 16) / 2)
        Assert.InRange(y[0, 0, 0, 0].item<float>(), expected - 1e-6f, expected + 1e-6f);
        var rms = new PixelNorm().forward(randn(4, 7, 3, 3) * 5).square().mean(new long[] { 1 }).sqrt();
        Assert.True(rms.allclose(ones_like(rms), atol: 1e-5));
    }

    [Fact]
    public void EqualizedLayers_ScaleTheirStoredWeightsByHesConstant()
    {
        var linear = new EqualizedLinear(8, 1, hasBias: false);
        using (no_grad()) linear.parameters().Single().fill_(1);
        Assert.InRange(linear.forward(ones(1, 8)).item<float>(), 4 - 1e-5, 4 + 1e-5);        // 8 · √2 / √8 = 4
        var slow = new EqualizedLinear(8, 1, hasBias: false, lrMultiplier: 0.01);
        Assert.InRange(slow.Scale, 0.01 * 0.5 - 1e-12, 0.01 * 0.5 + 1e-12);                  // 0.01 · √2 / √8
        var conv = new EqualizedConv2d(2, 1, 3, hasBias: false);
        using (no_grad()) conv.parameters().Single().fill_(1);
        // The centre pixel of a ones image sees all 2 · 3 · 3 = 18 weights: 18 · √2 / √18 = 6.
        Assert.InRange(conv.forward(ones(1, 2, 5, 5))[0, 0, 2, 2].item<float>(), 6 - 1e-4, 6 + 1e-4);
        // Stored weights are N(0, 1) whatever the fan-in: that is what equalises Adam's steps.
        var std = new EqualizedLinear(512, 512).parameters().First().std().item<float>();
        Assert.InRange(std, 0.99f, 1.01f);
    }
}
