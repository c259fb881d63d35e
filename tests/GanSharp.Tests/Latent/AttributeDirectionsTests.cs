using GanSharp.Latent;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Latent;

public sealed class AttributeDirectionsTests
{
    [Fact]
    public void Fit_RecoversAPlantedDirection_AndItsSlope()
    {
        // The "classifier" sees class 0 with probability σ(4 uᵀz): the logit is exactly 4 · uᵀz.
        manual_seed(3);
        var u = randn(8);
        u = u / u.norm();
        var z = randn(4000, 8);
        var p0 = (z.mv(u) * 4).sigmoid();
        var probabilities = stack(new[] { p0, 1 - p0 }, 1);
        var d = AttributeDirections.Fit(z, probabilities, new[] { new ImageAttribute("zero", new[] { 0 }) })[0];
        double cos = tensor(d.Normal).dot(u).item<float>();
        Assert.InRange(cos, 0.97, 1.0);
        Assert.InRange(d.HeldOutAccuracy, 0.9, 1.0);
        Assert.InRange(d.Lambda, 4 * 0.97 - 0.1, 4.1);                      // slope of the logit on nᵀz = 4 cos
        Assert.InRange(d.PositiveFraction, 0.45, 0.55);
    }

    [Fact]
    public void ScoreCovariance_IsLambdaNtNLambda_AndOffDiagonalIsTheCosine()
    {
        var a = new AttributeDirection("a", new[] { 1f, 0, 0 }, 2, 1, 0.5);
        var b = new AttributeDirection("b", new[] { 0.6f, 0.8f, 0 }, 3, 1, 0.5);
        var c = new AttributeDirection("c", new[] { 0f, 0, 1 }, 1, 1, 0.5);
        var sigma = AttributeDirections.ScoreCovariance(new[] { a, b, c });
        Assert.Equal(4, sigma[0, 0], 6);
        Assert.Equal(2 * 3 * 0.6, sigma[0, 1], 5);
        Assert.Equal(0, sigma[0, 2], 9);
        Assert.Equal(0.6, AttributeDirections.OffDiagonal(sigma), 5);
        Assert.Equal(0, AttributeDirections.OffDiagonal(AttributeDirections.ScoreCovariance(new[] { a, c })), 9);
    }

    [Fact]
    public void Walk_MovesEachRowAlongTheNormal()
    {
        var z = tensor(new float[] { 0, 0, 5, 5 }).view(2, 2);
        var walk = AttributeDirections.Walk(z, new AttributeDirection("x", new[] { 1f, 0 }, 1, 1, 0.5), columns: 3, range: 2);
        Assert.Equal(new float[] { -2, 0, 0, 0, 2, 0, 3, 5, 5, 5, 7, 5 }, walk.data<float>().ToArray());
    }

    [Theory]
    [InlineData("footwear", "NAME=CLASSES")]
    [InlineData("x=1,12", "0..9")]
    [InlineData("x=a,b", "numbers")]
    public void BadAttribute_SaysWhy(string text, string message) =>
        Assert.Contains(message, Assert.Throws<GanSharpException>(() => ImageAttribute.Parse(text, 10)).Message);

    [Fact]
    public void OneSidedAttribute_IsRefused()
    {
        var z = randn(100, 4);
        var probabilities = stack(new[] { zeros(100), ones(100) }, 1);
        Assert.Contains("both sides", Assert.Throws<GanSharpException>(() => AttributeDirections.Fit(z, probabilities, new[] { new ImageAttribute("never", new[] { 0 }) })).Message);
    }
}
