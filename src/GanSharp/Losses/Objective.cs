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
    /// Whether D's output is a logit of a probability (BCE objectives): then σ(output) is D(x) as
    /// the lectures write it. Least squares, Wasserstein and hinge D's output a raw score.
    /// </summary>
    public bool Probabilistic { get; init; } = true;

    /// <summary>What the run logs as d/real and d/fake: mean D(x) in [0, 1], or the mean raw score.</summary>
    public Tensor Report(Tensor output) => Probabilistic ? output.sigmoid().mean() : output.mean();

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

    /// <summary>
    /// Least squares GAN (Mao et al. 2017; 002): D minimises ½E(D(x) − b)² + ½E(D(G(z)) − a)²,
    /// G minimises ½E(D(G(z)) − c)². With b − c = 1 and b − a = 2 this minimises the Pearson χ²
    /// divergence; the default a = 0, b = c = 1 is the paper's 0-1 coding.
    /// </summary>
    public static Objective LeastSquares(double a = 0, double b = 1, double c = 1) => new(
        "least-squares",
        $"least squares (LSGAN, Mao et al. 2017): D → ½(D(x)−{b})² + ½(D(G(z))−{a})², G → ½(D(G(z))−{c})²",
        (real, fake) => 0.5 * (real - b).square().mean() + 0.5 * (fake - a).square().mean(),
        fake => 0.5 * (fake - c).square().mean())
    { Probabilistic = false };

    /// <summary>
    /// Wasserstein GAN (Arjovsky et al. 2017; 000, 002): the critic maximises E D(x) − E D(G(z)),
    /// an estimate of the Earth-Mover distance when D is 1-Lipschitz (clipping or a penalty);
    /// G maximises E D(G(z)).
    /// </summary>
    public static readonly Objective Wasserstein = new("wasserstein",
        "Wasserstein (WGAN, Arjovsky et al. 2017): critic → E D(G(z)) − E D(x), G → −E D(G(z)); needs a Lipschitz constraint",
        (real, fake) => fake.mean() - real.mean(),
        fake => -fake.mean())
    { Probabilistic = false };

    /// <summary>
    /// Hinge loss (Lim &amp; Ye 2017; Miyato et al. 2018, SN-GAN): D minimises E max(0, 1 − D(x)) +
    /// E max(0, 1 + D(G(z))); G minimises −E D(G(z)).
    /// </summary>
    public static readonly Objective Hinge = new("hinge",
        "hinge (Lim & Ye 2017; SN-GAN): D → E relu(1 − D(x)) + E relu(1 + D(G(z))), G → −E D(G(z))",
        (real, fake) => relu(1 - real).mean() + relu(1 + fake).mean(),
        fake => -fake.mean())
    { Probabilistic = false };

    /// <summary>
    /// One-sided label smoothing (Salimans et al. 2016; 004): D's target for real images becomes
    /// <paramref name="target"/> (e.g. 0.9) instead of 1, fakes stay at 0, so D is not rewarded for
    /// ever more confident logits on real data: real term −[t log σ(r) + (1 − t) log(1 − σ(r))].
    /// Defined for the BCE objectives only.
    /// </summary>
    public Objective WithRealTarget(double target)
    {
        if (target == 1.0) return this;
        if (!Probabilistic) throw new GanSharpException($"--real-label applies to the BCE losses (minimax, non-saturating), not to {Name}");
        if (target is <= 0 or > 1) throw new GanSharpException($"--real-label must be in (0, 1], got {target}");
        return this with
        {
            Name = $"{Name}, real label {target}",
            D = (real, fake) => (target * softplus(-real) + (1 - target) * softplus(real)).mean() + softplus(fake).mean(),
        };
    }

    /// <summary>Every objective the --loss option accepts, by name.</summary>
    public static IReadOnlyList<Objective> All { get; } = new[] { NonSaturating, Minimax, LeastSquares(), Wasserstein, Hinge };

    /// <summary>The names --loss accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(o => o.Name).ToArray();

    /// <summary>Looks an objective up by name; an unknown name lists the valid ones.</summary>
    public static Objective Named(string name) =>
        All.FirstOrDefault(o => o.Name == name)
        ?? throw new GanSharpException($"--loss '{name}' is not known; valid values: {string.Join(", ", All.Select(o => o.Name))}");
}
