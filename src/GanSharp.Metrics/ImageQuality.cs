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

    /// <summary>
    /// Structural similarity (Wang et al. 2004) with scikit-image's defaults: a 7×7 uniform window,
    /// K₁ = 0.01, K₂ = 0.03, data range 1 (images in [0, 1]), sample (N − 1) variances; SSIM of each
    /// window fully inside the image (what skimage's cropped mean covers), averaged over windows,
    /// channels and images. Images need a side of at least 7.
    /// </summary>
    public static double Ssim(Tensor images, Tensor targets)
    {
        const int window = 7;
        const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03, n = window * window;
        if (images.shape[^1] < window || images.shape[^2] < window) throw new GanSharpException($"SSIM needs images of at least {window}×{window}, got {images.shape[^2]}×{images.shape[^1]}");
        using var scope = NewDisposeScope();
        var x = Unit(images).flatten(0, 1).unsqueeze(1);                 // (N·C, 1, H, W): every channel on its own
        var y = Unit(targets).flatten(0, 1).unsqueeze(1);
        Tensor Mean(Tensor t) => nn.functional.avg_pool2d(t, window, stride: 1);
        var mx = Mean(x);
        var my = Mean(y);
        double sample = n / (n - 1);
        var vx = (Mean(x * x) - mx * mx) * sample;
        var vy = (Mean(y * y) - my * my) * sample;
        var cov = (Mean(x * y) - mx * my) * sample;
        var map = (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
        return map.mean().item<double>();
    }

    private static Tensor Unit(Tensor x) => x.to_type(ScalarType.Float64).add(1).div(2);
}
