using GanSharp.Layers;
using GanSharp.Losses;
using GanSharp.Recipes;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Layers;

public sealed class RegularisationAndAugmentTests
{
    [Fact]
    public void OrthogonalRegularisation_IsZeroForOrthogonalRows_AndHandComputedForAKnownMatrix()
    {
        manual_seed(6);
        var (q, _) = linalg.qr(randn(5, 5, dtype: ScalarType.Float64));
        Assert.InRange(OrthogonalRegularisation.Of(q, 1).item<double>(), 0, 1e-20);
        Assert.InRange(OrthogonalRegularisation.Of(q * 3, 1).item<double>(), 0, 1e-18);      // norms are free: only off-diagonal terms count
        // W Wᵀ of [[1, 2], [3, 4]] is [[5, 11], [11, 25]]: off-diagonal squares 2 · 121 = 242.
        var w = tensor(new[] { 1.0, 2, 3, 4 }).view(2, 2);
        Assert.InRange(OrthogonalRegularisation.Of(w, 1e-4).item<double>(), 0.0242 - 1e-12, 0.0242 + 1e-12);
        Assert.InRange(OrthogonalRegularisation.Of(w.view(2, 1, 1, 2), 1).item<double>(), 242 - 1e-9, 242 + 1e-9);  // a conv weight, reshaped to (out, in·k·k)
        var total = OrthogonalRegularisation.Of(new[] { w, tensor(new[] { 9.0, 9 }) }, 1).item<double>();          // vectors are skipped
        Assert.InRange(total, 242 - 1e-9, 242 + 1e-9);
    }

    [Fact]
    public void Truncation_KeepsZInsidePsi_WithTheTruncatedNormalsVariance()
    {
        manual_seed(7);
        var z = randn(200_000, 1, dtype: ScalarType.Float64);
        var t = Prior.Truncate(z, 1.0);
        Assert.InRange(t.abs().max().item<double>(), 0, 1.0);
        // Var of N(0, 1) truncated to [−1, 1]: 1 − 2 φ(1) / (2 Φ(1) − 1) = 1 − 0.4839414 / 0.6826895 = 0.2911.
        double expected = 1 - 2 * 0.24197072451914337 / 0.6826894921370859;
        Assert.InRange(t.var().item<double>(), expected - 0.004, expected + 0.004);
        Assert.True(t.argsort(0).equal(z.argsort(0)).all().item<bool>());                   // monotone: each seed keeps its place
        Assert.True(Prior.Truncate(z, 0).equal(zeros_like(z)).all().item<bool>());           // ψ = 0: the mode
        var inside = z.abs() < 3;
        Assert.True(Prior.Truncate(z, 12).masked_select(inside).allclose(z.masked_select(inside), atol: 1e-6));   // large ψ: nothing truncated
        Assert.Throws<GanSharpException>(() => Prior.Truncate(z, double.NaN));
    }

    [Fact]
    public void Translate_ShiftsEachImageByItsOffset_WithZerosShiftedIn()
    {
        var x = arange(1, 17, dtype: ScalarType.Float32).view(1, 1, 4, 4);
        var y = DiffAugment.Translate(x, tensor(new long[] { 1, -2 }).view(1, 2));   // one down, two left: out[r, c] = in[r − 1, c + 2]
        var expected = tensor(new float[] { 0, 0, 0, 0, 3, 4, 0, 0, 7, 8, 0, 0, 11, 12, 0, 0 }).view(1, 1, 4, 4);
        Assert.True(y.equal(expected).all().item<bool>());
    }

    [Fact]
    public void Cutout_ZeroesTheSquareAroundItsCentre()
    {
        var y = DiffAugment.Cutout(ones(1, 2, 4, 4), tensor(new long[] { 1, 1 }).view(1, 2), 2);   // rows 0–1, columns 0–1
        Assert.Equal(2 * 4, (int)(y == 0).sum().item<long>());
        Assert.Equal(0f, y[0, 1, 1, 1].item<float>());
        Assert.Equal(1f, y[0, 1, 2, 2].item<float>());
    }

    [Fact]
    public void DiffAugment_IsDifferentiableSeededAndParsed()
    {
        var kinds = DiffAugment.Parse("cutout,color,translation");
        Assert.Equal(new[] { "color", "translation", "cutout" }, kinds);                  // applied in the paper's order
        Assert.Empty(DiffAugment.Parse("none"));
        Assert.Contains("flip", Assert.Throws<GanSharpException>(() => DiffAugment.Parse("color,flip")).Message);
        var x = randn(4, 3, 8, 8).requires_grad_(true);
        Tensor Run(long seed) { using var g = new Generator((ulong)seed); return DiffAugment.Apply(x, kinds, g); }
        Assert.True(Run(1).equal(Run(1)).all().item<bool>());
        Assert.False(Run(1).equal(Run(2)).all().item<bool>());
        Run(1).sum().backward();
        Assert.True(x.grad!.abs().sum().item<float>() > 0);
    }
}
