using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Layers;

/// <summary>
/// StackGAN's conditioning augmentation (Zhang et al. 2017, §3.1; seed 001): a text embedding φ is
/// mapped by one fully connected layer to μ(φ) and log σ²(φ), and the generator is conditioned on
/// c = μ + σ ⊙ ε with ε ~ N(0, I) (the reparameterisation trick), so a few thousand descriptions
/// cover a smooth neighbourhood of the text manifold instead of isolated points. The reference
/// code puts a ReLU on the layer's output, which keeps log σ² ≥ 0 (σ ≥ 1); here the layer is linear,
/// so the KL term alone decides σ.
/// </summary>
public sealed class ConditioningAugmentation : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc;

    /// <summary>Size of c.</summary>
    public int Size { get; }

    public ConditioningAugmentation(int embeddingSize, int size) : base(nameof(ConditioningAugmentation))
    {
        Size = size;
        fc = nn.Linear(embeddingSize, 2 * size);
        RegisterComponents();
    }

    /// <summary>(μ, log σ²) side by side: (N, 2·Size).</summary>
    public override Tensor forward(Tensor embedding) => fc.forward(embedding);

    /// <summary>c = μ + σ ⊙ ε with ε from <paramref name="noise"/>, and μ and log σ² for the KL term; at ε = 0 (noise null), c = μ.</summary>
    public (Tensor C, Tensor Mu, Tensor LogVar) Sample(Tensor embedding, Generator? noise)
    {
        var (mu, logVar) = MuAndLogVar(embedding);
        if (noise is null) return (mu, mu, logVar);
        return (Reparameterise(mu, logVar, randn(mu.shape, generator: noise, device: mu.device)), mu, logVar);
    }

    /// <summary>c = μ + σ ⊙ ε for an ε the caller holds (a latent's part).</summary>
    public Tensor Condition(Tensor embedding, Tensor epsilon)
    {
        var (mu, logVar) = MuAndLogVar(embedding);
        return Reparameterise(mu, logVar, epsilon);
    }

    /// <summary>μ and log σ², (N, Size) each.</summary>
    public (Tensor Mu, Tensor LogVar) MuAndLogVar(Tensor embedding)
    {
        var both = forward(embedding);
        return (both.narrow(1, 0, Size), both.narrow(1, Size, Size));
    }

    private static Tensor Reparameterise(Tensor mu, Tensor logVar, Tensor epsilon) => mu + (0.5 * logVar).exp() * epsilon;

    /// <summary>
    /// KL(N(μ, σ²) ‖ N(0, 1)) = ½(μ² + σ² − 1 − log σ²) per dimension, averaged over the batch and the
    /// dimensions, as the reference implementation averages it (its weight of 2 is tuned for that mean).
    /// </summary>
    public static Tensor Kl(Tensor mu, Tensor logVar) => (0.5 * (mu.square() + logVar.exp() - 1 - logVar)).mean();
}
