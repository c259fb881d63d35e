using GanSharp.Recipes.Options;

namespace GanSharp.Recipes;

/// <summary>
/// Options of the objective families (vanilla, dcgan, lsgan, wgan, wgan-gp, sngan) and, through
/// <see cref="ToyOptions"/>, the toy lab: the <see cref="Gan"/> recipe's classifier D with every
/// stabiliser of the material. Each property with a flag has a kebab-case CLI twin:
/// <c>DSteps</c> ↔ <c>--d-steps</c>.
/// </summary>
public record GanOptions : ClassifierGanOptions
{
    [Flag("WGAN weight clipping: D's parameters clamped to [−c, c] after each step; unset = off")]
    public double? Clip { get; init; }

    [Flag("G minimises ‖E f(x) − E f(G(z))‖² on D's features instead of fooling D (Salimans et al. 2016)")]
    public bool FeatureMatching { get; init; }

    [Flag("unrolled GAN (Metz et al. 2017): G's loss against D advanced k Adam steps, differentiated through (mlp and toy networks); 0 = off")]
    public int UnrolledSteps { get; init; }

    [Flag("PacGAN (Lin et al. 2018): D judges packs of m samples, all real or all fake; 1 = off")]
    public int Pack { get; init; } = 1;

    [Flag("instance noise (Sønderby et al. 2017): σ of Gaussian noise added to every D input at step 0, annealed to 0; 0 = off")]
    public double InstanceNoise { get; init; }

    [Flag("steps over which the instance noise σ anneals linearly to 0")]
    public long InstanceNoiseSteps { get; init; } = 2000;

    [Flag("historical averaging (Salimans et al. 2016): λ of ‖θ − mean of past θ‖² in both losses; 0 = off")]
    public double HistoricalAveraging { get; init; }

    public override void Validate()
    {
        base.Validate();
        if (Clip is double c) Check.PositiveReal(c, "--clip");
        if (UnrolledSteps < 0) throw new GanSharpException($"--unrolled-steps must be 0 (off) or positive, got {UnrolledSteps}");
        if (UnrolledSteps > 0 && (Networks == "dcgan" || Optimizer != "adam" || SpectralNorm || MinibatchStdDev || MinibatchKernels > 0 || FeatureMatching || InstanceNoise > 0 || DiffAugment != "none"))
            throw new GanSharpException("--unrolled-steps needs the plain mlp or toy-mlp networks with Adam, and no spectral norm, minibatch layers, feature matching, instance noise or --diff-augment");
        Check.Positive(Pack, "--pack");
        if (BatchSize % Pack != 0) throw new GanSharpException($"--batch-size {BatchSize} must be a multiple of --pack {Pack}: D sees the batch as packs of {Pack} samples");
        Check.NonNegative(InstanceNoise, "--instance-noise");
        Check.Positive(InstanceNoiseSteps, "--instance-noise-steps");
        Check.NonNegative(HistoricalAveraging, "--historical-averaging");
    }
}

/// <summary>
/// The toy lab's options: <see cref="GanOptions"/> on MLPs for low-dimensional points, with the
/// depth, normalisation and activation of the toy G (PacGAN's toy G has batch norm).
/// </summary>
public sealed record ToyOptions : GanOptions
{
    [NotAFlag]
    public override string Networks { get; init; } = "toy-mlp";

    /// <summary>Dimension of the toy data's points, taken from the data's shape when the run is assembled.</summary>
    public int Dimension { get; init; } = 2;

    [Flag("hidden layers of G and of D")]
    public int Depth { get; init; } = 3;

    [Flag("normalisation after each hidden layer of G (PacGAN's toy G uses batch norm)", Choices = new[] { "none", "batch" })]
    public string GNorm { get; init; } = "none";

    [Flag("G's hidden activation: relu, or leaky-relu (0.2; no unit can die, and at Adam 1e-3 most ReLU units of the toy G do)", Choices = new[] { "relu", "leaky-relu" })]
    public string GActivation { get; init; } = "relu";

    public override void Validate()
    {
        if (Networks != "toy-mlp") throw new GanSharpException($"the toy family's networks are toy-mlp, not {Networks}");
        if (DiffAugment != "none") throw new GanSharpException($"--diff-augment transforms images; toy data are points (leave it out)");
        base.Validate();
        Check.Positive(Dimension, "dimension");
        Check.Positive(Depth, "--depth");
        Check.OneOf(this, nameof(GNorm), GNorm);
        Check.OneOf(this, nameof(GActivation), GActivation);
    }
}
