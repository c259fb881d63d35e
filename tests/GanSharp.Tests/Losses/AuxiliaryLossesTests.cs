using GanSharp.Losses;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Losses;

public sealed class AuxiliaryLossesTests
{
    [Fact]
    public void ClassLoss_IsTheCrossEntropy_ByHand()
    {
        var logits = tensor(new float[] { 2, 0, 0, 0, 1, 0 }).view(2, 3);
        var labels = tensor(new long[] { 0, 2 });
        // −log(e² / (e² + 2)) and −log(1 / (2 + e)), averaged
        double expected = (-Math.Log(Math.Exp(2) / (Math.Exp(2) + 2)) - Math.Log(1 / (2 + Math.E))) / 2;
        Assert.Equal(expected, AuxiliaryLosses.ClassLoss(logits, labels).item<float>(), 5);
    }

    [Fact]
    public void MutualInformation_IsCrossEntropyPlusHalfSquaredError_ByHand()
    {
        // K = 2 categories, C = 2 continuous codes. Row: logits (1, 0), means (0.5, −0.5); category 1, codes (0.5, 0.5).
        var q = tensor(new float[] { 1, 0, 0.5f, -0.5f }).view(1, 4);
        var loss = AuxiliaryLosses.MutualInformation(q, tensor(new long[] { 1 }), tensor(new float[] { 0.5f, 0.5f }).view(1, 2), categories: 2);
        double expected = Math.Log(1 + Math.E) + 0.5 * (0 + 1.0);
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void MutualInformation_WithoutContinuousCodes_IsTheCategoryTerm()
    {
        var q = tensor(new float[] { 0, 3 }).view(1, 2);
        var loss = AuxiliaryLosses.MutualInformation(q, tensor(new long[] { 1 }), zeros(1, 0), categories: 2);
        Assert.Equal(Math.Log(1 + Math.Exp(-3)), loss.item<float>(), 5);
    }
}
