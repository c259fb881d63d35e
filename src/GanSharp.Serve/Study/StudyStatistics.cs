namespace GanSharp.Serve.Study;

/// <summary>The statistics of a user study: proportions with their intervals, and agreement between raters.</summary>
public static class StudyStatistics
{
    /// <summary>z of a two-sided 95 % interval, Φ⁻¹(0.975).</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Wilson's score interval for k successes in n trials (Wilson 1927): unlike p̂ ± z√(p̂(1−p̂)/n)
    /// it stays inside [0, 1] and keeps its coverage at 0 or n successes and small n, which a study
    /// of a few dozen trials per run has. (NaN, NaN) for n = 0.
    /// </summary>
    public static (double Low, double High) Wilson(long k, long n, double z = Z95)
    {
        if (k < 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), $"{k} successes of {n} trials");
        if (n == 0) return (double.NaN, double.NaN);
        double p = (double)k / n, z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// Fleiss' κ (Fleiss 1971) of items rated by two or more raters each: <paramref name="counts"/>[i][j]
    /// is how many raters put item i in category j. Items may have different numbers of raters (each
    /// item's agreement is over its own pairs of raters); items with fewer than two are left out.
    /// 1 is full agreement, 0 what chance gives; null when no item has two ratings or every rating is one category.
    /// </summary>
    public static double? FleissKappa(IReadOnlyList<IReadOnlyList<int>> counts)
    {
        var items = counts.Where(c => c.Sum() >= 2).ToList();
        if (items.Count == 0) return null;
        int categories = items[0].Count;
        double agreement = items.Average(c =>
        {
            double n = c.Sum();
            return (c.Sum(x => (double)x * x) - n) / (n * (n - 1));
        });
        double total = items.Sum(c => c.Sum());
        double chance = Enumerable.Range(0, categories).Sum(j => Math.Pow(items.Sum(c => c[j]) / total, 2));
        return chance >= 1 ? null : (agreement - chance) / (1 - chance);
    }
}
