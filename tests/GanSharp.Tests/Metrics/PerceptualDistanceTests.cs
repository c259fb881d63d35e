using GanSharp.Features;
using GanSharp.Metrics;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Metrics;

public sealed class PerceptualDistanceTests
{
    [Fact]
    public void Distance_IsTheMeanOverPositionsOfSquaredUnitVectorDifferences_ByHand()
    {
        manual_seed(3);
        var (net, _) = FeatureNetworks.Load();
        using var _n = net;
        var a = rand(new long[] { 3, 1, 28, 28 }) * 2 - 1;
        var b = rand(new long[] { 3, 1, 28, 28 }) * 2 - 1;
        // the formula in plain float64 loops over the network's maps
        net.eval();
        float[] ma, mb;
        long[] shape;
        using (no_grad())
        {
            var maps = net.Maps(a);
            shape = maps.shape;
            ma = maps.data<float>().ToArray();
            mb = net.Maps(b).data<float>().ToArray();
        }
        long n = shape[0], c = shape[1], positions = shape[2] * shape[3];
        double total = 0;
        for (long i = 0; i < n; i++)
        {
            double image = 0;
            for (long p = 0; p < positions; p++)
            {
                double na = 0, nb = 0;
                for (long k = 0; k < c; k++)
                {
                    long at = (i * c + k) * positions + p;
                    na += (double)ma[at] * ma[at];
                    nb += (double)mb[at] * mb[at];
                }
                na = Math.Max(Math.Sqrt(na), 1e-10);
                nb = Math.Max(Math.Sqrt(nb), 1e-10);
                for (long k = 0; k < c; k++)
                {
                    long at = (i * c + k) * positions + p;
                    double d = ma[at] / na - mb[at] / nb;
                    image += d * d;
                }
            }
            total += image / positions;
        }
        Assert.Equal(total / n, PerceptualDistance.Of(net, a, b, batchSize: 2), 6);   // batches of 2 of 3 images: the sum runs over batches (float32 maps differ by batch in the 9th digit)
        Assert.Equal(0.0, PerceptualDistance.Of(net, a, a), 12);
        Assert.Equal(new long[] { 3, 64, 14, 14 }, shape);                              // 28 → the map before the last pooling
    }
}
