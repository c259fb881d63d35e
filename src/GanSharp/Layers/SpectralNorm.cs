using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

using static TorchSharp.torch.nn.functional;

namespace GanSharp.Layers;

/// <summary>
/// Spectral normalisation (Miyato et al. 2018, SN-GAN): the wrapped layer computes with W / σ(W),
/// σ the largest singular value of W reshaped to (out, in·k·k), estimated by one power iteration
/// per training forward. u and v are buffers, so they are saved in checkpoints and a resumed run
/// continues the same iteration. TorchSharp has no spectral norm; this wraps Linear and Conv2d.
/// </summary>
public sealed class SpectralNorm : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> inner;
    private readonly Tensor u, v;
    private readonly double eps;

    public SpectralNorm(nn.Module<Tensor, Tensor> layer, double eps = 1e-12) : base(nameof(SpectralNorm))
    {
        if (layer is not (Linear or Conv2d)) throw new ArgumentException($"spectral norm wraps Linear or Conv2d, not {layer.GetType().Name}");
        inner = layer;
        this.eps = eps;
        var w = Matrix(Weight);
        using (var g = new Generator(0x5eed))
        {
            u = normalize(randn(new long[] { w.shape[0] }, generator: g), p: 2, dim: 0, eps: eps);
            v = normalize(randn(new long[] { w.shape[1] }, generator: g), p: 2, dim: 0, eps: eps);
        }
        RegisterComponents();
    }

    /// <summary>The wrapped layer's weight (what the optimiser trains).</summary>
    public Parameter Weight => inner switch
    {
        Linear l => l.weight,
        Conv2d c => c.weight,
        _ => throw new InvalidOperationException(),
    };

    /// <summary>The current estimate of σ(W), uᵀ W v.</summary>
    public Tensor Sigma()
    {
        using var _ = no_grad();
        return u.dot(Matrix(Weight).mv(v));
    }

    public override Tensor forward(Tensor x)
    {
        var w = Weight;
        var matrix = Matrix(w);
        if (training)
        {
            using var _ = no_grad();
            // One power iteration: v ← Wᵀu / ‖Wᵀu‖, u ← Wv / ‖Wv‖ (in place: they are buffers).
            v.copy_(normalize(matrix.t().mv(u), p: 2, dim: 0, eps: eps));
            u.copy_(normalize(matrix.mv(v), p: 2, dim: 0, eps: eps));
        }
        // Gradient flows through W only. Clones, because the next forward (D sees real and fake
        // batches in one graph) updates u and v in place while this graph still needs them.
        var sigma = u.clone().dot(matrix.mv(v.clone()));
        var normalised = w / sigma;
        return inner switch
        {
            Linear l => linear(x, normalised, l.bias),
            Conv2d c => conv2d(x, normalised, c.bias, c.stride, c.padding, c.dilation, c.groups),
            _ => throw new InvalidOperationException(),
        };
    }

    private static Tensor Matrix(Tensor w) => w.reshape(w.shape[0], -1);     // (out, in·k·k)

    /// <summary>Wraps the layer when <paramref name="enabled"/>, else returns it unchanged.</summary>
    public static nn.Module<Tensor, Tensor> Apply(nn.Module<Tensor, Tensor> layer, bool enabled) => enabled ? new SpectralNorm(layer) : layer;
}
