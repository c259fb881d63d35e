namespace GanSharp;

/// <summary>Summaries of repeated measurements (over seeds) for the comparison pages.</summary>
public static class SampleStatistics
{
    /// <summary>Mean and sample standard deviation (n − 1; 0 for one value, NaN for none).</summary>
    public static (double Mean, double Sd) MeanSd(IReadOnlyList<double> v)
    {
        if (v.Count == 0) return (double.NaN, double.NaN);
        double mean = v.Average();
        double sd = v.Count < 2 ? 0 : Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1));
        return (mean, sd);
    }
}
