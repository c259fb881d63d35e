using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Layers;

/// <summary>
/// Conditional batch norm (de Vries et al. 2017; SAGAN's and BigGAN's G): batch norm without its
/// own scale and shift, then γ = 1 + W_γ c and β = W_β c from a condition vector c per sample — a
/// one-hot class (SAGAN: a class embedding per layer) or BigGAN's shared class embedding joined to
/// this block's chunk of z. With a condition of size 0 it is plain batch norm with learned γ, β.
/// </summary>
public sealed class ConditionalBatchNorm : Module<Tensor, Tensor, Tensor>
{
    private readonly TorchSharp.Modules.BatchNorm2d norm;
    private readonly Module<Tensor, Tensor>? gain, bias;

    /// <summary>Length of the condition vector (0: plain batch norm).</summary>
    public int ConditionSize { get; }

    public ConditionalBatchNorm(int channels, int conditionSize, bool spectralNorm) : base(nameof(ConditionalBatchNorm))
    {
        ConditionSize = conditionSize;
        norm = BatchNorm2d(channels, affine: conditionSize == 0);
        if (conditionSize > 0)
        {
            // Not zero-initialised: a spectrally normalised map of zeros would divide by σ = 0. BigGAN
            // initialises these maps orthogonally, as every other layer (the networks do that).
            gain = SpectralNorm.Apply(Linear(conditionSize, channels), spectralNorm);
            bias = SpectralNorm.Apply(Linear(conditionSize, channels), spectralNorm);
        }
        RegisterComponents();
    }

    /// <summary>x (N, C, H, W) and condition (N, ConditionSize; ignored at size 0) → normalised x · γ + β.</summary>
    public override Tensor forward(Tensor x, Tensor condition)
    {
        var normalised = norm.forward(x);
        if (gain is null || bias is null) return normalised;
        var gamma = 1 + gain.forward(condition);      // (N, C)
        var beta = bias.forward(condition);           // (N, C)
        return normalised * gamma.unsqueeze(-1).unsqueeze(-1) + beta.unsqueeze(-1).unsqueeze(-1);
    }
}
