using GanSharp.Features;
using GanSharp.Data;
using GanSharp.Metrics;
using Xunit;

namespace GanSharp.Tests.Metrics;

public sealed class EmbeddedFeatureNetworkTests
{
    [Fact]
    public void EmbeddedNetwork_Loads_NamesItsProvenance_AndClassifiesTheTestSplitAbove92Percent()
    {
        var (net, description) = FeatureNetworks.Load();
        Assert.Contains("gan features train", description);
        using var test = FashionMnist.Load(FashionMnist.Locate(FashionMnist.Embedded));   // the 10,000-image test split
        Assert.InRange(FeatureNetworkTraining.Accuracy(net, test, FeatureTask.Labels), 0.92, 1.0);
    }
}
