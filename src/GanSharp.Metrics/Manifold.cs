using static TorchSharp.torch;

namespace GanSharp.Metrics;

/// <summary>
/// k-nearest-neighbour manifolds in feature space: improved precision and recall (Kynkäänniemi et
/// al. 2019, k = 3) and density and coverage (Naeem et al. 2020, k = 5). A set's manifold is the
/// union of balls around its points with radius the distance to their k-th nearest neighbour.
/// Distances are computed in row blocks, so 10,000 × 10,000 sets fit in memory.
/// </summary>
public static class Manifold
{
    public sealed record PrecisionRecall(double Precision, double Recall, int K);
    public sealed record DensityCoverage(double Density, double Coverage, int K);

    private const long Block = 1024;

    /// <summary>Precision: share of fakes inside the real manifold; recall: share of reals inside the fake manifold.</summary>
    public static PrecisionRecall ComputePrecisionRecall(Tensor real, Tensor fake, int k = 3)
    {
        using var scope = NewDisposeScope();
        var x = real.to_type(ScalarType.Float64);
        var y = fake.to_type(ScalarType.Float64);
        double precision = InsideAny(y, x, KthNeighbourRadii(x, k)).to_type(ScalarType.Float64).mean().item<double>();
        double recall = InsideAny(x, y, KthNeighbourRadii(y, k)).to_type(ScalarType.Float64).mean().item<double>();
        return new PrecisionRecall(precision, recall, k);
    }

    /// <summary>
    /// Density: (1 / kM) Σⱼ Σᵢ 1[Yⱼ ∈ B(Xᵢ, rᵢ)], how many real balls a fake sits in, on average, over k;
    /// coverage: share of real points whose ball holds at least one fake.
    /// </summary>
    public static DensityCoverage ComputeDensityCoverage(Tensor real, Tensor fake, int k = 5)
    {
        using var scope = NewDisposeScope();
        var x = real.to_type(ScalarType.Float64);
        var y = fake.to_type(ScalarType.Float64);
        var radii = KthNeighbourRadii(x, k);
        long inside = 0;
        var covered = zeros(x.shape[0], dtype: ScalarType.Bool);
        for (long start = 0; start < y.shape[0]; start += Block)
        {
            using var inner = NewDisposeScope();
            var within = cdist(y.narrow(0, start, Math.Min(Block, y.shape[0] - start)), x) <= radii.unsqueeze(0);   // (b, N)
            inside += within.sum().item<long>();
            covered.logical_or_(within.any(0));
        }
        double density = inside / ((double)k * y.shape[0]);
        double coverage = covered.to_type(ScalarType.Float64).mean().item<double>();
        return new DensityCoverage(density, coverage, k);
    }

    /// <summary>Distance from each point to its k-th nearest other point of the same set, (N).</summary>
    public static Tensor KthNeighbourRadii(Tensor x, int k)
    {
        if (x.shape[0] <= k) throw new GanSharpException($"k-NN radii need more than k = {k} points, got {x.shape[0]}");
        var radii = new List<Tensor>();
        for (long start = 0; start < x.shape[0]; start += Block)
        {
            using var inner = NewDisposeScope();                                          // one (b, N) block alive at a time
            var d = cdist(x.narrow(0, start, Math.Min(Block, x.shape[0] - start)), x);   // (b, N), 0 on the diagonal
            radii.Add(d.topk(k + 1, largest: false).values.select(1, k).MoveToOuterDisposeScope()); // k + 1: the point itself is nearest
        }
        return cat(radii, 0);
    }

    /// <summary>For each point, whether it lies in at least one ball (centre, radius), (M) bool.</summary>
    public static Tensor InsideAny(Tensor points, Tensor centres, Tensor radii)
    {
        var result = new List<Tensor>();
        for (long start = 0; start < points.shape[0]; start += Block)
        {
            using var inner = NewDisposeScope();
            result.Add((cdist(points.narrow(0, start, Math.Min(Block, points.shape[0] - start)), centres) <= radii.unsqueeze(0)).any(1).MoveToOuterDisposeScope());
        }
        return cat(result, 0);
    }
}
