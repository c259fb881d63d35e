namespace GanSharp.Lab;

/// <summary>
/// Densities on the line for the 1-D lab pictures: the data's own mixture density, a Gaussian
/// kernel density estimate of generated points, the optimal discriminator between them and their
/// Jensen–Shannon divergence.
/// </summary>
public static class Density1D
{
    /// <summary>Equal-weight mixture of N(c, σ²) over the centres, at x.</summary>
    public static double Mixture(IReadOnlyList<double> centres, double sigma, double x) =>
        centres.Average(c => OptimalDiscriminator.NormalPdf(x, c, sigma));

    /// <summary>Silverman's rule of thumb: 0.9 · min(sd, IQR / 1.34) · n^(−1/5) (never below 1e-3).</summary>
    public static double SilvermanBandwidth(IReadOnlyList<double> samples)
    {
        var sorted = samples.OrderBy(v => v).ToArray();
        double mean = sorted.Average();
        double sd = Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, sorted.Length - 1));
        double iqr = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
        double spread = iqr > 0 ? Math.Min(sd, iqr / 1.34) : sd;
        return Math.Max(1e-3, 0.9 * spread * Math.Pow(sorted.Length, -0.2));
    }

    /// <summary>
    /// The bandwidth for generated points of a mixture with components of width σ: Silverman's rule
    /// assumes one Gaussian and over-smooths a mixture (h ≈ 0.47 for two modes of σ 0.5 at ±2), so
    /// it is capped at σ/3.
    /// </summary>
    public static double MixtureBandwidth(IReadOnlyList<double> samples, double componentSigma) =>
        Math.Min(SilvermanBandwidth(samples), componentSigma / 3);

    /// <summary>Gaussian kernel density estimate of the samples with bandwidth h, at x.</summary>
    public static double Kde(IReadOnlyList<double> samples, double h, double x) =>
        samples.Average(s => OptimalDiscriminator.NormalPdf(x, s, h));

    /// <summary>D*(x) = p_data / (p_data + p_g), ½ where both vanish.</summary>
    public static double OptimalD(double pData, double pG) => pData + pG > 0 ? pData / (pData + pG) : 0.5;

    private static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int i = (int)Math.Floor(pos);
        return i + 1 < sorted.Length ? sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }
}
