using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>Normalisation layers chosen by name (the --d-norm option).</summary>
public static class NormalizationLayer
{
    /// <summary>
    /// A normalisation layer over (C, H, W) features: batch (over the batch), instance (per sample and
    /// channel, affine), layer (per sample over all channels, <see cref="LayerNorm2d"/>), or none.
    /// </summary>
    public static Module<Tensor, Tensor> Create(string kind, int channels) => kind switch
    {
        "batch" => BatchNorm2d(channels),
        "instance" => InstanceNorm2d(channels, affine: true),
        "layer" => new LayerNorm2d(channels),
        "none" => Identity(),
        _ => throw new GanSharpException($"normalisation '{kind}' is not known; valid values: batch, instance, layer, none"),
    };
}
