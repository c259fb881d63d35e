using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// The normalisation of the image-to-image networks, as junyanz's pytorch-CycleGAN-and-pix2pix
/// builds it: batch norm (pix2pix) or instance norm without affine parameters and without running
/// statistics (CycleGAN); convolutions before a batch norm carry no bias, before an instance norm they do.
/// </summary>
public static class TranslationNorm
{
    public static IReadOnlyList<string> Kinds { get; } = new[] { "batch", "instance" };

    public static Module<Tensor, Tensor> Create(string kind, long channels) => kind switch
    {
        "batch" => BatchNorm2d(channels),
        "instance" => InstanceNorm2d(channels, affine: false, track_running_stats: false),
        _ => throw new GanSharpException($"--norm '{kind}' is not known; valid values: {string.Join(", ", Kinds)}"),
    };

    /// <summary>Whether a convolution followed by this norm needs its own bias (batch norm's shift makes it redundant).</summary>
    public static bool ConvBias(string kind) => kind != "batch";
}
