using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Losses;

/// <summary>
/// An adversarial loss as two pure functions of the discriminator's logits: the discriminator's
/// loss from (real, fake) logits and the generator's loss from fake logits. Computed from logits
/// with softplus, never log(sigmoid(·)), so a confident discriminator gives no −inf or NaN:
/// −log σ(x) = softplus(−x) and −log(1 − σ(x)) = softplus(x).
/// </summary>
public sealed record Objective(string Name, string Description, Func<Tensor, Tensor, Tensor> D, Func<Tensor, Tensor> G)
{
    /// <summary>
    /// Goodfellow et al. 2014 (002, 003): D maximises log D(x) + log(1 − D(G(z))); G minimises
    /// log(1 − D(G(z))), whose gradient vanishes when D confidently rejects fakes (saturation).
    /// </summary>
    public static readonly Objective Minimax = new("minimax",
        "saturating minimax: G minimises log(1 − D(G(z))) (Goodfellow et al. 2014)",
        (real, fake) => softplus(-real).mean() + softplus(fake).mean(),
        fake => -softplus(fake).mean());

    /// <summary>
    /// The non-saturating heuristic of the same paper (000, 003): G maximises log D(G(z)), i.e.
    /// minimises −log D(G(z)); strong gradients early in training when D rejects fakes.
    /// </summary>
    public static readonly Objective NonSaturating = Minimax with
    {
        Name = "non-saturating",
        Description = "non-saturating: G minimises −log D(G(z)) (Goodfellow et al. 2014, §3)",
        G = fake => softplus(-fake).mean(),
    };

    /// <summary>Every generator loss the --g-loss option accepts.</summary>
    public static IReadOnlyList<Objective> All { get; } = new[] { NonSaturating, Minimax };

    /// <summary>Looks an objective up by name; an unknown name lists the valid ones.</summary>
    public static Objective Named(string name) =>
        All.FirstOrDefault(o => o.Name == name)
        ?? throw new GanSharpException($"--g-loss '{name}' is not known; valid values: {string.Join(", ", All.Select(o => o.Name))}");
}
