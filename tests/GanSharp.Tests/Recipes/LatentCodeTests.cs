using GanSharp.Recipes;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Recipes;

public sealed class LatentCodeTests
{
    [Fact]
    public void Make_IsOneHotThenContinuous()
    {
        var code = new LatentCode(4, 2).Make(tensor(new long[] { 2, 0 }), tensor(new float[] { 0.5f, -1, 0.25f, 1 }).view(2, 2));
        Assert.Equal(new float[] { 0, 0, 1, 0, 0.5f, -1, 1, 0, 0, 0, 0.25f, 1 }, code.data<float>().ToArray());
    }

    [Fact]
    public void WithCategory_KeepsZAndContinuousCodes_AndCategoryOfReadsItBack()
    {
        var c = new LatentCode(3, 1);
        var latent = cat(new[] { tensor(new float[] { 7, 8 }).view(1, 2), c.Make(tensor(new long[] { 0 }), tensor(new float[] { 0.3f }).view(1, 1)) }, 1);
        var moved = c.WithCategory(latent, tensor(new long[] { 2 }));
        Assert.Equal(new float[] { 7, 8, 0, 0, 1, 0.3f }, moved.data<float>().ToArray());
        Assert.Equal(2, c.CategoryOf(moved).item<long>());
    }

    [Fact]
    public void Sample_DrawsCategoriesAndCodesInRange()
    {
        using var g = new TorchSharp.torch.Generator(3);
        var (code, category, continuous) = new LatentCode(10, 2).Sample(2000, g, CPU);
        Assert.Equal(new long[] { 2000, 12 }, code.shape);
        Assert.Equal(10, category.unique().Item1.shape[0]);                    // all ten categories appear
        Assert.InRange(continuous.min().item<float>(), -1, -0.99);
        Assert.InRange(continuous.max().item<float>(), 0.99, 1);
        Assert.True(code.narrow(1, 0, 10).sum(1).eq(1).all().item<bool>());
    }

    [Fact]
    public void ClassOutOfRange_IsRefused() =>
        Assert.Contains("0..3", Assert.Throws<GanSharpException>(() => new LatentCode(4, 0).Make(tensor(new long[] { 4 }))).Message);
}
