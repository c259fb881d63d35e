using static TorchSharp.torch;

namespace GanSharp.Metrics;

/// <summary>
/// Inception Score (Salimans et al. 2016; seed 004) from a classifier's class probabilities
/// p(y|x): exp(E_x KL(p(y|x) ‖ p(y))), mean and standard deviation over splits; and the Mode
/// Score (Che et al. 2017), which also compares p(y) with the training label distribution p*(y):
/// exp(E_x KL(p(y|x) ‖ p*(y)) − KL(p(y) ‖ p*(y))). Both lie in [1, number of classes].
/// </summary>
public static class InceptionScore
{
    public sealed record Result(double Mean, double Std, int Splits);

    public static Result Compute(Tensor probabilities, int splits = 10)
    {
        long n = probabilities.shape[0];
        if (splits < 1 || n < splits) throw new GanSharpException($"Inception Score: {n} samples cannot make {splits} splits");
        using var scope = NewDisposeScope();
        var p = probabilities.to_type(ScalarType.Float64);
        var scores = new double[splits];
        for (int s = 0; s < splits; s++)
        {
            long start = s * n / splits, end = (s + 1) * n / splits;
            var part = p.narrow(0, start, end - start);
            var marginal = part.mean(new long[] { 0 }, keepdim: true);
            scores[s] = Math.Exp(KlRows(part, marginal).mean().item<double>());
        }
        double mean = scores.Average();
        double std = Math.Sqrt(scores.Sum(v => (v - mean) * (v - mean)) / scores.Length);
        return new Result(mean, std, splits);
    }

    /// <summary>Mode Score with the training set's label distribution <paramref name="trainLabels"/> (K).</summary>
    public static double ModeScore(Tensor probabilities, Tensor trainLabels)
    {
        using var scope = NewDisposeScope();
        var p = probabilities.to_type(ScalarType.Float64);
        var prior = trainLabels.to_type(ScalarType.Float64).unsqueeze(0);
        var marginal = p.mean(new long[] { 0 }, keepdim: true);
        double expected = KlRows(p, prior).mean().item<double>();
        double marginalKl = KlRows(marginal, prior).item<double>();
        return Math.Exp(expected - marginalKl);
    }

    /// <summary>KL(p_i ‖ q) per row, with 0 log 0 = 0.</summary>
    private static Tensor KlRows(Tensor p, Tensor q) =>
        where(p > 0, p * (p.clamp_min(1e-300).log() - q.clamp_min(1e-300).log()), zeros_like(p)).sum(1);
}
