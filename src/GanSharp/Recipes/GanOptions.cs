using GanSharp.Losses;

namespace GanSharp.Recipes;

/// <summary>
/// Options of the GAN recipe: networks, adversarial loss, discriminator regularisation and
/// optimisers. A family (<see cref="Families"/>) is a named set of defaults from its paper;
/// every property can still be changed. Each property has a kebab-case CLI twin:
/// <c>DSteps</c> ↔ <c>--d-steps</c>.
/// </summary>
public sealed record GanOptions
{
    /// <summary>The family whose defaults these started from (vanilla, dcgan, lsgan, wgan, wgan-gp).</summary>
    public string Family { get; init; } = "dcgan";
    /// <summary>Training recipe: gan (a classifier D and an <see cref="Losses.Objective"/>), began or ebgan (an autoencoder D).</summary>
    public string Recipe { get; init; } = "gan";
    /// <summary>Network shapes: "mlp" (the book's vanilla GAN) or "dcgan".</summary>
    public string Networks { get; init; } = "dcgan";
    /// <summary>Size of z.</summary>
    public int LatentSize { get; init; } = 100;
    /// <summary>Noise prior: normal or uniform.</summary>
    public string Prior { get; init; } = "normal";
    /// <summary>Image side in pixels; 28 is Fashion-MNIST's own, 64 upsamples it (DCGAN only).</summary>
    public int Resolution { get; init; } = 28;
    /// <summary>Image channels, taken from the data's shape when the run is assembled (not a flag).</summary>
    public int Channels { get; init; } = 1;
    /// <summary>Dimension of toy data points (toy-mlp networks), taken from the data's shape when the run is assembled (not a flag).</summary>
    public int Dimension { get; init; } = 2;
    /// <summary>DCGAN: channels of the outermost layers; mlp and toy-mlp: hidden units per layer.</summary>
    public int Width { get; init; } = 64;
    /// <summary>toy-mlp: hidden layers of G and of D.</summary>
    public int Depth { get; init; } = 3;
    /// <summary>toy-mlp: normalisation after each hidden layer of G, none or batch (PacGAN's toy G uses batch norm).</summary>
    public string GNorm { get; init; } = "none";
    /// <summary>toy-mlp: G's hidden activation, relu or leaky-relu (0.2; no unit can die, and at Adam 1e-3 most ReLU units of the toy G do).</summary>
    public string GActivation { get; init; } = "relu";
    /// <summary>Normalisation in the DCGAN discriminator's hidden layers: batch, instance, layer or none.</summary>
    public string DNorm { get; init; } = "batch";
    /// <summary>Spectral normalisation of every D layer (Miyato et al. 2018).</summary>
    public bool SpectralNorm { get; init; }
    /// <summary>Minibatch standard deviation channel before D's last layer (Karras et al. 2018).</summary>
    public bool MinibatchStdDev { get; init; }
    /// <summary>Minibatch discrimination before D's last layer with B kernels (Salimans et al. 2016); 0 = off.</summary>
    public int MinibatchKernels { get; init; }
    /// <summary>C, the dimension of each minibatch-discrimination kernel.</summary>
    public int MinibatchKernelDims { get; init; } = 8;
    /// <summary>G minimises ‖E f(x) − E f(G(z))‖² on D's features instead of the adversarial loss (Salimans et al. 2016).</summary>
    public bool FeatureMatching { get; init; }
    /// <summary>Unrolled GAN (Metz et al. 2017): G's loss against D advanced this many Adam steps ahead, differentiated through; 0 = off. Plain mlp networks.</summary>
    public int UnrolledSteps { get; init; }
    /// <summary>
    /// Conditioning on classes or codes: none; concat (cGAN: one-hot label joined to z and to D's
    /// input), projection (projection discriminator), acgan (auxiliary classifier in D) or infogan
    /// (categorical and continuous codes recovered by a Q head).
    /// </summary>
    public string Conditioning { get; init; } = "none";
    /// <summary>Number of classes of the labels (concat, projection, acgan) or of InfoGAN's categorical code.</summary>
    public int Classes { get; init; } = 10;
    /// <summary>InfoGAN: number of continuous codes ~ U(−1, 1).</summary>
    public int InfoContinuous { get; init; } = 2;
    /// <summary>InfoGAN: weight λ of the mutual-information term in both losses (AC-GAN's class loss has weight 1).</summary>
    public double InfoWeight { get; init; } = 1;
    /// <summary>PacGAN (Lin et al. 2018): D judges m samples at once, concatenated along features/channels, all real or all fake; 1 = off.</summary>
    public int Pack { get; init; } = 1;
    /// <summary>k: discriminator steps per generator step (Goodfellow et al. 2014, Algorithm 1; WGAN's n_critic).</summary>
    public int DSteps { get; init; } = 1;
    /// <summary>Adversarial loss: non-saturating, minimax, least-squares, wasserstein or hinge.</summary>
    public string Loss { get; init; } = "non-saturating";
    /// <summary>One-sided label smoothing: D's target for real images (1 = off, 0.9 in Salimans et al. 2016); BCE losses only.</summary>
    public double RealLabel { get; init; } = 1.0;
    /// <summary>Instance noise (Sønderby et al. 2017): σ of Gaussian noise added to every D input at step 0; 0 = off.</summary>
    public double InstanceNoise { get; init; }
    /// <summary>Steps over which the instance noise σ anneals linearly to 0.</summary>
    public long InstanceNoiseSteps { get; init; } = 2000;
    /// <summary>Historical averaging (Salimans et al. 2016): weight λ of ‖θ − mean of past θ‖² added to both losses; 0 = off.</summary>
    public double HistoricalAveraging { get; init; }
    /// <summary>Penalty added to D's loss: none, gp (WGAN-GP), r1, r2 or dragan.</summary>
    public string Penalty { get; init; } = "none";
    /// <summary>λ of gp and dragan, γ of r1 and r2.</summary>
    public double PenaltyWeight { get; init; } = 10;
    /// <summary>WGAN weight clipping: D's parameters clamped to [−c, c] after each step; null = off.</summary>
    public double? Clip { get; init; }
    /// <summary>Optimiser of both networks: adam or rmsprop.</summary>
    public string Optimizer { get; init; } = "adam";
    /// <summary>Size of the autoencoder discriminator's code (BEGAN, EBGAN).</summary>
    public int CodeSize { get; init; } = 64;
    /// <summary>BEGAN diversity ratio γ = E L(G(z)) / E L(x) at equilibrium.</summary>
    public double BeganGamma { get; init; } = 0.5;
    /// <summary>BEGAN learning rate λ_k of the proportional control of k_t.</summary>
    public double BeganLambdaK { get; init; } = 0.001;
    /// <summary>EBGAN margin m on the energy of generated images.</summary>
    public double EbganMargin { get; init; } = 10;
    /// <summary>EBGAN weight λ_PT of the pulling-away term; 0 = off.</summary>
    public double EbganPullAway { get; init; } = 0.1;
    /// <summary>Decay β of the moving average of G's weights used for samples; null = off (samples from G itself).</summary>
    public double? EmaDecay { get; init; }
    public int BatchSize { get; init; } = 64;
    public double LrG { get; init; } = 2e-4;
    public double LrD { get; init; } = 2e-4;
    /// <summary>Learning-rate schedule of both networks: none, or linear (from LrG/LrD at step 0 to 0 at the run's last step).</summary>
    public string LrDecay { get; init; } = "none";
    /// <summary>Adam β1 (ignored by rmsprop).</summary>
    public double Beta1 { get; init; } = 0.5;
    /// <summary>Adam β2 (ignored by rmsprop).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>The discriminator settings of these options.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public GanSharp.Networks.DiscriminatorOptions DiscriminatorOptions =>
        new(DNorm, SpectralNorm, MinibatchStdDev, MinibatchKernels, MinibatchKernelDims);

    public static IReadOnlyList<string> RecipeKinds { get; } = new[] { "gan", "began", "ebgan" };
    public static IReadOnlyList<string> NetworkKinds { get; } = new[] { "mlp", "dcgan", "toy-mlp" };
    public static IReadOnlyList<string> Norms { get; } = new[] { "batch", "instance", "layer", "none" };
    public static IReadOnlyList<string> PenaltyKinds { get; } = new[] { "none", "gp", "r1", "r2", "dragan" };
    public static IReadOnlyList<string> Optimizers { get; } = new[] { "adam", "rmsprop" };
    public static IReadOnlyList<string> Conditionings { get; } = new[] { "none", "concat", "projection", "acgan", "infogan" };
    public static IReadOnlyList<string> GNorms { get; } = new[] { "none", "batch" };
    public static IReadOnlyList<string> GActivations { get; } = new[] { "relu", "leaky-relu" };
    public static IReadOnlyList<string> LrDecays { get; } = new[] { "none", "linear" };

    /// <summary>Throws a <see cref="GanSharpException"/> naming the first invalid option.</summary>
    public GanOptions Validated()
    {
        OneOf(Recipe, RecipeKinds, "--recipe");
        OneOf(Networks, NetworkKinds, "--networks");
        Positive(CodeSize, "--code-size");
        if (BeganGamma is <= 0 or > 1) throw new GanSharpException($"--began-gamma must be in (0, 1], got {BeganGamma}");
        if (!(BeganLambdaK >= 0)) throw new GanSharpException($"--began-lambda-k must be ≥ 0, got {BeganLambdaK}");
        if (!(EbganMargin > 0)) throw new GanSharpException($"--ebgan-margin must be positive, got {EbganMargin}");
        if (!(EbganPullAway >= 0)) throw new GanSharpException($"--ebgan-pull-away must be ≥ 0, got {EbganPullAway}");
        OneOf(DNorm, Norms, "--d-norm");
        OneOf(Penalty, PenaltyKinds, "--penalty");
        OneOf(Optimizer, Optimizers, "--optimizer");
        OneOf(LrDecay, LrDecays, "--lr-decay");
        OneOf(Conditioning, Conditionings, "--conditioning");
        if (Conditioning != "none") ValidateConditional();
        if (LrDecay != "none" && Recipe != "gan") throw new GanSharpException($"--lr-decay is not available for {Recipe}, whose control of k_t or margin assumes a fixed rate");
        Positive(LatentSize, "--latent-size");
        Positive(Channels, "channels");
        Positive(Width, "--width");
        Positive(Depth, "--depth");
        OneOf(GNorm, GNorms, "--g-norm");
        OneOf(GActivation, GActivations, "--g-activation");
        if (Networks != "toy-mlp" && (Depth != 3 || GNorm != "none" || GActivation != "relu"))
            throw new GanSharpException($"--depth, --g-norm and --g-activation shape the toy-mlp networks; the {Networks} networks have a fixed layout");
        Positive(DSteps, "--d-steps");
        if (MinibatchKernels < 0) throw new GanSharpException($"--minibatch-kernels must be 0 (off) or positive, got {MinibatchKernels}");
        Positive(MinibatchKernelDims, "--minibatch-kernel-dims");
        Positive(BatchSize, "--batch-size");
        Positive(Pack, "--pack");
        if (BatchSize % Pack != 0) throw new GanSharpException($"--batch-size {BatchSize} must be a multiple of --pack {Pack}: D sees the batch as packs of {Pack} samples");
        if (Pack > 1 && Recipe != "gan") throw new GanSharpException($"--pack needs a classifier discriminator; {Recipe} has an autoencoder D");
        PositiveReal(LrG, "--lr-g");
        PositiveReal(LrD, "--lr-d");
        if (!(PenaltyWeight >= 0) || double.IsInfinity(PenaltyWeight)) throw new GanSharpException($"--penalty-weight must be ≥ 0, got {PenaltyWeight}");
        if (Clip is double c) PositiveReal(c, "--clip");
        if (EmaDecay is < 0 or >= 1) throw new GanSharpException($"--ema-decay must be in [0, 1), got {EmaDecay}");
        if (Beta1 is < 0 or >= 1) throw new GanSharpException($"--beta1 must be in [0, 1), got {Beta1}");
        if (Beta2 is < 0 or >= 1) throw new GanSharpException($"--beta2 must be in [0, 1), got {Beta2}");
        Objective.Named(Loss).WithRealTarget(RealLabel);
        if (UnrolledSteps < 0) throw new GanSharpException($"--unrolled-steps must be 0 (off) or positive, got {UnrolledSteps}");
        if (UnrolledSteps > 0 && (Networks == "dcgan" || Optimizer != "adam" || SpectralNorm || MinibatchStdDev || MinibatchKernels > 0 || FeatureMatching || InstanceNoise > 0 || Recipe != "gan"))
            throw new GanSharpException("--unrolled-steps needs the plain mlp or toy-mlp networks with Adam, and no spectral norm, minibatch layers, feature matching or instance noise");
        if (!(InstanceNoise >= 0) || double.IsInfinity(InstanceNoise)) throw new GanSharpException($"--instance-noise must be ≥ 0, got {InstanceNoise}");
        if (InstanceNoiseSteps <= 0) throw new GanSharpException($"--instance-noise-steps must be positive, got {InstanceNoiseSteps}");
        if (!(HistoricalAveraging >= 0) || double.IsInfinity(HistoricalAveraging)) throw new GanSharpException($"--historical-averaging must be ≥ 0, got {HistoricalAveraging}");
        Recipes.Prior.Named(Prior);
        Positive(Dimension, "dimension");
        if (Networks == "mlp" && Resolution != 28)
            throw new GanSharpException($"--resolution {Resolution}: the mlp networks are the book's 28×28 vanilla GAN; use dcgan networks for other sizes");
        if (Networks == "dcgan") GanSharp.Networks.DcganShape.Of(Resolution);
        return this;
    }

    /// <summary>What conditional GANs support: image networks, and none of the options that assume an unconditional D.</summary>
    private void ValidateConditional()
    {
        if (Classes < 2) throw new GanSharpException($"--classes must be at least 2, got {Classes}");
        if (InfoContinuous < 0) throw new GanSharpException($"--info-continuous must be ≥ 0, got {InfoContinuous}");
        if (!(InfoWeight >= 0) || double.IsInfinity(InfoWeight)) throw new GanSharpException($"--info-weight must be ≥ 0, got {InfoWeight}");
        if (Networks == "toy-mlp") throw new GanSharpException($"--conditioning {Conditioning} needs image networks (mlp or dcgan): toy data has no labels");
        var unsupported = new (bool Set, string Flag)[]
        {
            (Recipe != "gan", $"the {Recipe} recipe"), (Pack > 1, "--pack"), (Penalty is "gp" or "dragan", $"--penalty {Penalty} (it mixes points of different labels; r1 and r2 combine)"), (UnrolledSteps > 0, "--unrolled-steps"),
            (FeatureMatching, "--feature-matching"), (HistoricalAveraging > 0, "--historical-averaging"), (InstanceNoise > 0, "--instance-noise"),
            (MinibatchKernels > 0, "--minibatch-kernels"),
        };
        var set = unsupported.Where(u => u.Set).Select(u => u.Flag).ToList();
        if (set.Count > 0) throw new GanSharpException($"--conditioning {Conditioning} does not combine with {string.Join(", ", set)}");
    }

    private static void OneOf(string value, IReadOnlyList<string> valid, string flag)
    {
        if (!valid.Contains(value)) throw new GanSharpException($"{flag} '{value}' is not known; valid values: {string.Join(", ", valid)}");
    }

    private static void Positive(int value, string flag)
    {
        if (value <= 0) throw new GanSharpException($"{flag} must be positive, got {value}");
    }

    private static void PositiveReal(double value, string flag)
    {
        if (!(value > 0) || double.IsInfinity(value)) throw new GanSharpException($"{flag} must be a positive number, got {value}");
    }
}
