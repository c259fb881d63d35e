using System.Text.Json.Serialization;
using GanSharp.Losses;

namespace GanSharp.Recipes.Options;

/// <summary>
/// Families whose D is a classifier with an adversarial loss (<see cref="Objective"/>): its
/// normalisation and spectral norm, what its last layer sees of the batch, the loss, a penalty
/// on D and the learning-rate decay.
/// </summary>
public abstract record ClassifierGanOptions : FamilyOptions
{
    [Flag("normalisation in the DCGAN discriminator's hidden layers", Choices = new[] { "batch", "instance", "layer", "none" })]
    public string DNorm { get; init; } = "batch";

    [Flag("spectral normalisation of every D layer (Miyato et al. 2018): true or false")]
    public bool SpectralNorm { get; init; }

    [Flag("minibatch standard deviation channel before D's last layer (Karras et al. 2018)", Name = "--minibatch-stddev")]
    public bool MinibatchStdDev { get; init; }

    [Flag("minibatch discrimination before D's last layer with B kernels (Salimans et al. 2016); 0 = off")]
    public int MinibatchKernels { get; init; }

    [Flag("C, the dimension of each minibatch-discrimination kernel")]
    public int MinibatchKernelDims { get; init; } = 8;

    [Flag("adversarial loss", ChoicesType = typeof(Objective), ChoicesFrom = nameof(Objective.Names), Aliases = new[] { "--g-loss" })]
    public string Loss { get; init; } = "non-saturating";

    [Flag("one-sided label smoothing: D's target for real images (1 = off, 0.9 in Salimans et al. 2016); BCE losses only")]
    public double RealLabel { get; init; } = 1.0;

    [Flag("penalty added to D's loss", Choices = new[] { "none", "gp", "r1", "r2", "dragan" })]
    public string Penalty { get; init; } = "none";

    [Flag("λ of gp and dragan, γ of r1 and r2")]
    public double PenaltyWeight { get; init; } = 10;

    [Flag("learning-rate schedule of both networks: none, or linear (to 0 at the run's last step)", Choices = new[] { "none", "linear" })]
    public string LrDecay { get; init; } = "none";

    [Flag("differentiable augmentation of every image D sees, real and generated (Zhao et al. 2020): none, or color, translation, cutout joined by commas; for small data sets")]
    public string DiffAugment { get; init; } = "none";

    [JsonIgnore]
    public override string Schedule => LrDecay;

    /// <summary>The discriminator settings of these options.</summary>
    [JsonIgnore]
    public GanSharp.Networks.DiscriminatorOptions DiscriminatorOptions =>
        new(DNorm, SpectralNorm, MinibatchStdDev, MinibatchKernels, MinibatchKernelDims);

    public override void Validate()
    {
        base.Validate();
        Check.OneOf(this, nameof(DNorm), DNorm);
        if (MinibatchKernels < 0) throw new GanSharpException($"--minibatch-kernels must be 0 (off) or positive, got {MinibatchKernels}");
        Check.Positive(MinibatchKernelDims, "--minibatch-kernel-dims");
        Objective.Named(Loss).WithRealTarget(RealLabel);
        Check.OneOf(this, nameof(Penalty), Penalty);
        Check.NonNegative(PenaltyWeight, "--penalty-weight");
        Check.OneOf(this, nameof(LrDecay), LrDecay);
        GanSharp.Layers.DiffAugment.Parse(DiffAugment);
    }
}
