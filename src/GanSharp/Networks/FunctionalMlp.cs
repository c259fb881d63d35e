using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>A discriminator that can be evaluated with other weights, for the unrolled GAN.</summary>
public interface IFunctionalDiscriminator
{
    /// <summary>Whether the network is a plain MLP (no spectral norm, no minibatch layers), which ForwardWith requires.</summary>
    bool IsPlain { get; }

    /// <summary>The network with weights θ (in the order of parameters()) applied to x → logits (N).</summary>
    Tensor ForwardWith(IReadOnlyList<Tensor> theta, Tensor x);
}

/// <summary>
/// A plain MLP discriminator written as a function of its weights: θ = (W1, b1, …, W_L, b_L),
/// LeakyReLU 0.2 between layers, flattened input. Shared by the MLP discriminators.
/// </summary>
public static class FunctionalMlp
{
    public static Tensor Forward(IFunctionalDiscriminator d, IReadOnlyList<Tensor> theta, Tensor x)
    {
        if (!d.IsPlain) throw new GanSharpException("unrolling needs a plain MLP discriminator (no spectral norm or minibatch layers)");
        var h = x.flatten(1);
        for (int i = 0; i < theta.Count; i += 2)
        {
            h = functional.linear(h, theta[i], theta[i + 1]);
            if (i + 2 < theta.Count) h = functional.leaky_relu(h, 0.2);
        }
        return h.view(-1);
    }
}
