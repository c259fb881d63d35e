using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// Stacked Fashion-MNIST: the Stacked MNIST benchmark of the mode-collapse literature (Metz et al.
/// 2017; Srivastava et al. 2017, VEEGAN; Lin et al. 2018, PacGAN) built on Fashion-MNIST. Each
/// image stacks three randomly drawn images as its three channels, so there are 10³ = 1,000
/// modes; the label is 100·c₁ + 10·c₂ + c₃.
/// </summary>
public static class StackedFashionMnist
{
    public const int Modes = 1000;

    /// <summary><paramref name="count"/> stacked images (N, 3, 28, 28) drawn with a seeded generator.</summary>
    public static ImageDataset Create(ImageDataset source, long count, long seed)
    {
        if (source.Images.shape[1] != 1) throw new GanSharpException("stacking needs grey source images");
        using var g = Seeding.Generator(seed, "stacked");
        var channels = new List<Tensor>();
        Tensor labels = zeros(count, dtype: ScalarType.Int64);
        foreach (long weight in new long[] { 100, 10, 1 })
        {
            using var pick = randint(source.Count, new long[] { count }, generator: g);
            channels.Add(source.Images.index_select(0, pick));                      // (N, 1, 28, 28)
            labels = labels + weight * source.Labels.index_select(0, pick);
        }
        return new ImageDataset(cat(channels, 1), labels,
            $"stacked Fashion-MNIST: {count:N0} images of 3 channels drawn from {source.Source}");
    }
}
