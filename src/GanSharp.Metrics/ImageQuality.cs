using static TorchSharp.torch;

namespace GanSharp.Metrics;

/// <summary>Distances of images to their targets, in float64 on images in [−1, 1] taken to [0, 1].</summary>
public static class ImageQuality
{
    /// <summary>
    /// Peak signal-to-noise ratio per image, 10·log₁₀(1 / MSE) with the peak 1 of [0, 1] images and
    /// the MSE over all channels and pixels, then averaged over images (as super-resolution papers report it).
    /// Identical images give +∞ for that image; a set with one is reported as +∞.
    /// </summary>
    public static double Psnr(Tensor images, Tensor targets)
    {
        using var scope = NewDisposeScope();
        var mse = Unit(images).sub(Unit(targets)).square().flatten(1).mean(new long[] { 1 });
        return mse.reciprocal().log10().mul(10).mean().item<double>();
    }

    /// <summary>Mean absolute difference over all pixels, in [0, 1] units.</summary>
    public static double L1(Tensor images, Tensor targets)
    {
        using var scope = NewDisposeScope();
        return Unit(images).sub(Unit(targets)).abs().mean().item<double>();
    }

    private static Tensor Unit(Tensor x) => x.to_type(ScalarType.Float64).add(1).div(2);
}
