using static TorchSharp.torch;

namespace GanSharp.Metrics;

/// <summary>
/// Kernel Inception Distance (Bińkowski et al. 2018): the unbiased estimator of MMD² with the
/// polynomial kernel k(x, y) = (xᵀy / d + 1)³, averaged over random subsets; mean and standard
/// deviation over the subsets. Unlike FID it is unbiased, so small sample sets compare fairly.
/// </summary>
public static class Kid
{
    public sealed record Result(double Mean, double Std, int Subsets, int SubsetSize);

    public static Result Compute(Tensor real, Tensor fake, Generator generator, int subsets = 100, int subsetSize = 1000)
    {
        int m = (int)Math.Min(subsetSize, Math.Min(real.shape[0], fake.shape[0]));
        if (m < 2) throw new GanSharpException($"KID needs at least 2 samples in each set, got {real.shape[0]} and {fake.shape[0]}");
        using var scope = NewDisposeScope();
        var x = real.to_type(ScalarType.Float64);
        var y = fake.to_type(ScalarType.Float64);
        var values = new double[subsets];
        for (int s = 0; s < subsets; s++)
        {
            using var subset = NewDisposeScope();   // each subset's kernel matrices go before the next: 100 subsets alive were 10 GB
            var xs = x.index_select(0, randperm(x.shape[0], generator: generator).narrow(0, 0, m));
            var ys = y.index_select(0, randperm(y.shape[0], generator: generator).narrow(0, 0, m));
            values[s] = UnbiasedMmd2(xs, ys);
        }
        double mean = values.Average();
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, subsets - 1));
        return new Result(mean, std, subsets, m);
    }

    /// <summary>MMD²_u = mean_{i≠j} k(xᵢ, xⱼ) + mean_{i≠j} k(yᵢ, yⱼ) − 2 mean_{i,j} k(xᵢ, yⱼ).</summary>
    public static double UnbiasedMmd2(Tensor x, Tensor y)
    {
        long m = x.shape[0], n = y.shape[0];
        double d = x.shape[1];
        Tensor K(Tensor a, Tensor b) => (a.matmul(b.t()) / d + 1).pow(3);
        var kxx = K(x, x);
        var kyy = K(y, y);
        var kxy = K(x, y);
        double xx = (kxx.sum().item<double>() - kxx.diagonal().sum().item<double>()) / (m * (m - 1));
        double yy = (kyy.sum().item<double>() - kyy.diagonal().sum().item<double>()) / (n * (n - 1));
        double xy = kxy.mean().item<double>();
        return xx + yy - 2 * xy;
    }
}
