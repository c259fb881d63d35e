using static TorchSharp.torch;

namespace GanSharp.Metrics;

/// <summary>
/// The memorisation check of voxel GANs: for each shape, the intersection over union of its filled
/// voxels (above 0.5) with the most similar shape of a reference set. Samples at IoU near 1 copy a
/// training shape; a set of real shapes measured the same way against the rest of the training set
/// says how close shapes of the data are to each other anyway. Intersections are one matrix product
/// per chunk of references (|A ∩ B| = a · b for 0/1 vectors); IoU = |A ∩ B| / (|A| + |B| − |A ∩ B|),
/// 1 for two empty shapes.
/// </summary>
public static class NearestShapes
{
    public sealed record Result(double[] Iou, long[] Index)
    {
        public double Mean => Iou.Average();
        public double Median
        {
            get
            {
                var sorted = Iou.Order().ToArray();
                return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
            }
        }
        public double ShareAbove(double threshold) => Iou.Count(v => v >= threshold) / (double)Iou.Length;
    }

    /// <param name="shapes">(N, 1, S, S, S)</param>
    /// <param name="references">(M, 1, S, S, S), read in chunks through <paramref name="read"/>(start, count)</param>
    /// <param name="skip">for each shape, a reference index it may not match (itself, for real shapes from the same set); null for none</param>
    public static Result Nearest(Tensor shapes, long references, Func<long, long, Tensor> read, long[]? skip = null, int chunk = 1000)
    {
        using var scope = NewDisposeScope();
        long n = shapes.shape[0];
        if (skip is not null && skip.Length != n) throw new ArgumentException($"{n} shapes but {skip.Length} indices to skip");
        var a = (shapes.reshape(n, -1) > 0.5f).to_type(ScalarType.Float32);
        var sizeA = a.sum(1, keepdim: true);
        var best = full(n, -1.0f);
        var bestIndex = zeros(n, dtype: ScalarType.Int64);
        for (long start = 0; start < references; start += chunk)
        {
            using var inner = NewDisposeScope();
            long count = Math.Min(chunk, references - start);
            var b = (read(start, count).reshape(count, -1) > 0.5f).to_type(ScalarType.Float32);
            var intersection = a.matmul(b.t());
            var union = sizeA + b.sum(1).unsqueeze(0) - intersection;
            var iou = where(union > 0, intersection / union.clamp_min(1), ones_like(union));
            if (skip is not null)
                for (long i = 0; i < n; i++)
                    if (skip[i] >= start && skip[i] < start + count) iou[i, skip[i] - start] = -1;
            var (value, index) = iou.max(1);
            var better = value > best;
            best = where(better, value, best).MoveToOuterDisposeScope();
            bestIndex = where(better, index + start, bestIndex).MoveToOuterDisposeScope();
        }
        return new Result(best.to_type(ScalarType.Float64).data<double>().ToArray(), bestIndex.data<long>().ToArray());
    }
}
