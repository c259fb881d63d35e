using GanSharp.Latent;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Latent;

public sealed class LatentArithmeticTests
{
    [Fact]
    public void Parse_ReadsSignedClasses()
    {
        var terms = LatentArithmetic.Parse("7 - 5 + 9", 10);
        Assert.Equal(new[] { new LatentArithmetic.Term(1, 7), new LatentArithmetic.Term(-1, 5), new LatentArithmetic.Term(1, 9) }, terms);
        Assert.Equal(new[] { new LatentArithmetic.Term(-1, 3) }, LatentArithmetic.Parse("-3", 10));
    }

    [Theory]
    [InlineData("7-", "class number")]
    [InlineData("7*5", "expected + or −")]
    [InlineData("12", "does not exist")]
    [InlineData("", "empty")]
    public void BadExpression_SaysWhere(string expression, string message) =>
        Assert.Contains(message, Assert.Throws<GanSharpException>(() => LatentArithmetic.Parse(expression, 10)).Message);

    [Fact]
    public void ClassMean_AveragesOnlyConfidentSamples_AndCombineAddsWithSigns()
    {
        var z = tensor(new float[] { 1, 0, 3, 0, 100, 100, 0, 2, 0, 4 }).view(5, 2);
        var p = tensor(new float[] { 0.95f, 0.05f, 0.91f, 0.09f, 0.5f, 0.5f, 0.02f, 0.98f, 0, 1 }).view(5, 2);
        var (m0, n0) = LatentArithmetic.ClassMean(z, p, 0, minConfidence: 0.9, minCount: 2);
        var (m1, n1) = LatentArithmetic.ClassMean(z, p, 1, minConfidence: 0.9, minCount: 2);
        Assert.Equal(new float[] { 2, 0 }, m0.data<float>().ToArray());            // rows 0 and 1; row 2 is not confident
        Assert.Equal(2, n0);
        Assert.Equal(2, n1);
        Assert.Equal(new float[] { 0, 3 }, m1.data<float>().ToArray());
        var result = LatentArithmetic.Combine(LatentArithmetic.Parse("0-1+0", 2), new Dictionary<int, Tensor> { [0] = m0, [1] = m1 });
        Assert.Equal(new float[] { 4, -3 }, result.data<float>().ToArray());
        Assert.Contains("only 2", Assert.Throws<GanSharpException>(() => LatentArithmetic.ClassMean(z, p, 0, minConfidence: 0.9, minCount: 5)).Message);
    }
}
