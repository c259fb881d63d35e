using GanSharp.Serve.Study;
using Xunit;

namespace GanSharp.Tests.Serve;

public sealed class StudyStatisticsTests
{
    [Theory]   // Wilson intervals as quoted in textbooks, to four places (8 of 10: 0.490 to 0.943; 0 of 10: up to 0.2775)
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(8, 10, 0.4902, 0.9433)]
    [InlineData(50, 100, 0.4038, 0.5962)]
    [InlineData(10, 10, 0.7225, 1.0)]
    public void Wilson_MatchesPublishedIntervals(long k, long n, double low, double high)
    {
        var (l, h) = StudyStatistics.Wilson(k, n);
        Assert.Equal(low, l, 4);
        Assert.Equal(high, h, 4);
    }

    [Fact]
    public void Wilson_OfNoTrials_IsUndefined()
    {
        var (l, h) = StudyStatistics.Wilson(0, 0);
        Assert.True(double.IsNaN(l) && double.IsNaN(h));
    }

    [Fact]
    public void FleissKappa_OfTheTextbookExample_Is0_210()
    {
        // Fleiss (1971) as worked in Wikipedia's "Fleiss' kappa": 10 items, 14 raters, 5 categories.
        var counts = new[]
        {
            new[] { 0, 0, 0, 0, 14 }, new[] { 0, 2, 6, 4, 2 }, new[] { 0, 0, 3, 5, 6 }, new[] { 0, 3, 9, 2, 0 }, new[] { 2, 2, 8, 1, 1 },
            new[] { 7, 7, 0, 0, 0 }, new[] { 3, 2, 6, 3, 0 }, new[] { 2, 5, 3, 2, 2 }, new[] { 6, 5, 2, 1, 0 }, new[] { 0, 2, 2, 3, 7 },
        };
        Assert.Equal(0.210, StudyStatistics.FleissKappa(counts)!.Value, 3);
    }

    [Fact]
    public void FleissKappa_IsOneForFullAgreement_AndLeavesOutItemsWithOneRating()
    {
        // Two raters agree on every item (half called real, half fake); a third item has one rating only.
        var counts = new[] { new[] { 2, 0 }, new[] { 0, 2 }, new[] { 2, 0 }, new[] { 0, 2 }, new[] { 1, 0 } };
        Assert.Equal(1.0, StudyStatistics.FleissKappa(counts)!.Value, 12);
        // Two raters who always disagree on a 50/50 split: P̄ = 0, Pe = ½, κ = −1.
        Assert.Equal(-1.0, StudyStatistics.FleissKappa(new[] { new[] { 1, 1 }, new[] { 1, 1 } })!.Value, 12);
        Assert.Null(StudyStatistics.FleissKappa(new[] { new[] { 1, 0 }, new[] { 0, 1 } }));
    }
}
