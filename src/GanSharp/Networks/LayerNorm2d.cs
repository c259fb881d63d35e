using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// Layer normalisation of (N, C, H, W) features: each sample normalised over all its channels and
/// pixels, then a per-channel scale and shift — what GroupNorm(1, C) computes. Written with plain
/// reductions because libtorch's CPU GroupNorm gave different results run to run with 2 threads,
/// which breaks seed determinism and bit-identical resume.
/// </summary>
public sealed class LayerNorm2d : Module<Tensor, Tensor>
{
    private readonly Parameter weight, bias;
    private readonly double eps;

    public LayerNorm2d(long channels, double eps = 1e-5) : base(nameof(LayerNorm2d))
    {
        weight = Parameter(ones(channels));
        bias = Parameter(zeros(channels));
        this.eps = eps;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var dims = new long[] { 1, 2, 3 };
        var mean = x.mean(dims, keepdim: true);                                    // (N, 1, 1, 1)
        var variance = (x - mean).square().mean(dims, keepdim: true);
        var normalised = (x - mean) / (variance + eps).sqrt();
        return normalised * weight.view(1, -1, 1, 1) + bias.view(1, -1, 1, 1);
    }
}
