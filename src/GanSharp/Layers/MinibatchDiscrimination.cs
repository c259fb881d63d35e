using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Layers;

/// <summary>
/// Minibatch discrimination (Salimans et al. 2016, "Improved Techniques for Training GANs"; book
/// ch. 1, seed 004): features f(x_i) ∈ R^A are multiplied by a learned tensor T ∈ R^{A×B×C},
/// giving M_i ∈ R^{B×C}; c_b(x_i, x_j) = exp(−‖M_{i,b} − M_{j,b}‖₁); o(x_i)_b = Σ_j c_b(x_i, x_j)
/// (over the whole batch, j = i included, as in the paper). The layer returns [f(x_i), o(x_i)]
/// ∈ R^{A+B}, so D can see how alike the samples of a batch are — collapsed fakes are.
/// (The book writes M_i ∈ R^{A×B}; we follow the paper's shapes.)
/// </summary>
public sealed class MinibatchDiscrimination : nn.Module<Tensor, Tensor>
{
    private readonly Parameter T;
    public int Kernels { get; }
    public int KernelDims { get; }

    public MinibatchDiscrimination(long features, int kernels = 32, int kernelDims = 8) : base(nameof(MinibatchDiscrimination))
    {
        Kernels = kernels;
        KernelDims = kernelDims;
        T = new Parameter(randn(features, kernels * kernelDims) * 0.05);
        RegisterComponents();
    }

    /// <summary>f (N, A) → [f, o] (N, A + B).</summary>
    public override Tensor forward(Tensor f)
    {
        var m = f.matmul(T).view(f.shape[0], Kernels, KernelDims);                 // M: (N, B, C)
        var l1 = (m.unsqueeze(1) - m.unsqueeze(0)).abs().sum(-1);                  // ‖M_i,b − M_j,b‖₁: (N, N, B)
        var o = (-l1).exp().sum(1);                                                // Σ_j c_b(x_i, x_j): (N, B)
        return cat(new[] { f, o }, 1);
    }
}
