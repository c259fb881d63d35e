using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Layers;

/// <summary>
/// The Laplacian pyramid (Burt and Adelson 1983) that LAPGAN generates level by level (Denton et al.
/// 2015; seed 001): <see cref="Down"/> blurs with the 5-tap binomial kernel [1 4 6 4 1]/16 and keeps every
/// second pixel, <see cref="Up"/> expands with the same kernel, and each level keeps the residual
/// hₖ = Iₖ − Up(Iₖ₊₁) that the coarser image cannot show; Iₖ = Up(Iₖ₊₁) + hₖ rebuilds the image.
/// Borders: Down reflects the image; Up is a normalised expansion (divided by the expansion of ones),
/// so a constant image stays constant up to the edge. Works on (N, C, H, W) of any C, in any dtype.
/// </summary>
public static class LaplacianPyramid
{
    private static readonly double[] Binomial = { 1 / 16.0, 4 / 16.0, 6 / 16.0, 4 / 16.0, 1 / 16.0 };

    /// <summary>The 5×5 kernel, one per channel, for grouped (depthwise) convolution: (C, 1, 5, 5).</summary>
    private static Tensor Kernel(long channels, Tensor like)
    {
        var k = tensor(Binomial, dtype: like.dtype, device: like.device);
        return k.outer(k).expand(channels, 1, 5, 5).contiguous();
    }

    /// <summary>(N, C, H, W) → (N, C, H/2, W/2): binomial blur with reflected borders, then every second pixel (H, W even, at least 4).</summary>
    public static Tensor Down(Tensor x)
    {
        CheckSide(x, nameof(Down));
        long c = x.shape[1];
        var padded = pad(x, new long[] { 2, 2, 2, 2 }, TorchSharp.PaddingModes.Reflect);
        return conv2d(padded, Kernel(c, x), strides: new long[] { 2, 2 }, groups: c);
    }

    /// <summary>(N, C, H, W) → (N, C, 2H, 2W): zeros between the pixels, blurred with 4 × the kernel, divided by the same expansion of ones.</summary>
    public static Tensor Up(Tensor x)
    {
        var weight = Expand(ones(1, 1, x.shape[2], x.shape[3], dtype: x.dtype, device: x.device));      // how much of the kernel lies inside the image
        return Expand(x) / weight;
    }

    private static Tensor Expand(Tensor x) =>
        conv_transpose2d(x, Kernel(x.shape[1], x) * 4, strides: new long[] { 2, 2 }, padding: new long[] { 2, 2 }, output_padding: new long[] { 1, 1 }, groups: x.shape[1]);

    /// <summary>The pyramid of x with <paramref name="levels"/> residuals: (the coarsest image, residuals from the finest down).</summary>
    public static (Tensor Coarsest, IReadOnlyList<Tensor> Residuals) Build(Tensor x, int levels)
    {
        if (levels < 0) throw new ArgumentOutOfRangeException(nameof(levels), levels, "a pyramid has zero or more levels");
        var residuals = new List<Tensor>();
        var image = x;
        for (int i = 0; i < levels; i++)
        {
            var coarser = Down(image);
            residuals.Add(image - Up(coarser));
            image = coarser;
        }
        return (image, residuals);
    }

    /// <summary>Rebuilds the image from the coarsest one and the residuals (finest first): Iₖ = Up(Iₖ₊₁) + hₖ.</summary>
    public static Tensor Reconstruct(Tensor coarsest, IReadOnlyList<Tensor> residuals)
    {
        var image = coarsest;
        for (int i = residuals.Count - 1; i >= 0; i--) image = Up(image) + residuals[i];
        return image;
    }

    private static void CheckSide(Tensor x, string operation)
    {
        if (x.dim() != 4 || x.shape[2] % 2 != 0 || x.shape[3] % 2 != 0 || x.shape[2] < 4 || x.shape[3] < 4)
            throw new ArgumentException($"LaplacianPyramid.{operation} takes (N, C, H, W) images with even sides of at least 4, got [{string.Join(", ", x.shape)}]");
    }
}
