using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Layers;

/// <summary>
/// Self-attention over a feature map (Zhang et al. 2019, SAGAN; seed 002): every position attends to
/// every other through 1×1 query and key projections (C/8 channels) and a value projection (C/2),
/// mapped back to C channels and added to the input scaled by a learnable γ that starts at 0, so a
/// new network begins as the plain convolutional one and learns how much global context to use.
/// With spectral norm the four projections are normalised, as in SAGAN's G and D.
/// </summary>
public sealed class SelfAttention : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> query, key, value, output;
    private readonly TorchSharp.Modules.Parameter gamma;

    public int Channels { get; }

    public SelfAttention(int channels, bool spectralNorm) : base(nameof(SelfAttention))
    {
        Channels = channels;
        int qk = Math.Max(1, channels / 8), v = Math.Max(1, channels / 2);
        query = SpectralNorm.Apply(Conv2d(channels, qk, 1, bias: false), spectralNorm);
        key = SpectralNorm.Apply(Conv2d(channels, qk, 1, bias: false), spectralNorm);
        value = SpectralNorm.Apply(Conv2d(channels, v, 1, bias: false), spectralNorm);
        output = SpectralNorm.Apply(Conv2d(v, channels, 1, bias: false), spectralNorm);
        gamma = Parameter(zeros(1));
        RegisterComponents();
    }

    /// <summary>The residual weight γ (0 at initialisation).</summary>
    public Tensor Gamma => gamma;

    /// <summary>x (N, C, H, W) → x + γ · o, o_i = W_o Σ_j softmax_j(q_i · k_j) v_j.</summary>
    public override Tensor forward(Tensor x)
    {
        long n = x.shape[0], h = x.shape[2], w = x.shape[3];
        var q = query.forward(x).flatten(2);                       // (N, C/8, HW)
        var k = key.forward(x).flatten(2);                         // (N, C/8, HW)
        var v = value.forward(x).flatten(2);                       // (N, C/2, HW)
        var attention = q.transpose(1, 2).bmm(k).softmax(-1);      // (N, HW queries, HW keys)
        var attended = v.bmm(attention.transpose(1, 2));           // (N, C/2, HW): column i = Σ_j a_ij v_j
        var o = output.forward(attended.view(n, -1, h, w));        // (N, C, H, W)
        return x + gamma * o;
    }
}
