using System.Text.Json.Serialization;

namespace GanSharp.Recipes.Options;

/// <summary>
/// What every family has: G's shape and prior, the optimiser, the batch, the k of Algorithm 1 and
/// the EMA of G. Each family's record adds its own options with its paper's defaults; a record
/// validates only what it has, so options that do not combine simply do not exist together.
/// </summary>
public abstract record FamilyOptions
{
    /// <summary>The family these options belong to (set by the registry, not a flag; config.json holds it beside the options).</summary>
    [JsonIgnore]
    public string Family { get; init; } = "";

    [Flag("network shapes: mlp (the book's vanilla GAN) or dcgan", Choices = new[] { "mlp", "dcgan" })]
    public virtual string Networks { get; init; } = "dcgan";

    [Flag("size of z")]
    public virtual int LatentSize { get; init; } = 100;

    [Flag("noise prior of z", ChoicesType = typeof(GanSharp.Recipes.Prior), ChoicesFrom = nameof(GanSharp.Recipes.Prior.Names))]
    public virtual string Prior { get; init; } = "normal";

    [Flag("image side in pixels: 28, or 32, 64, 128 for dcgan networks, a power of two for pix2pix (image folders are resized to it, 28×28 data upsampled)")]
    public int Resolution { get; init; } = 28;

    /// <summary>Image channels, taken from the data's shape when the run is assembled.</summary>
    public int Channels { get; init; } = 1;

    [Flag("dcgan, U-Net and PatchGAN: channels of the outermost layers (pix2pix's ngf = ndf); mlp and toy networks: hidden units per layer")]
    public int Width { get; init; } = 64;

    [Flag("k: discriminator steps per generator step (Goodfellow et al. 2014, Algorithm 1; WGAN's n_critic)")]
    public virtual int DSteps { get; init; } = 1;

    [Flag("optimiser of both networks", Choices = new[] { "adam", "rmsprop" })]
    public string Optimizer { get; init; } = "adam";

    [Flag("decay β of a moving average of G's weights that samples are drawn from (e.g. 0.999); unset = off")]
    public virtual double? EmaDecay { get; init; }

    [Flag("steps before which the moving average of G just copies G (BigGAN's ema_start), so a short run's average does not keep its random initial weights")]
    public virtual long EmaStart { get; init; }

    [Flag("StyleGAN2-ADA's ema_rampup: the average's half-life is at most this share of the steps so far (0.05: 50 steps at step 1,000), so a short run's average does not lag behind G; 0 = off")]
    public virtual double EmaRampup { get; init; }

    [Flag("images per batch")]
    public int BatchSize { get; init; } = 64;

    [Flag("generator learning rate")]
    public double LrG { get; init; } = 2e-4;

    [Flag("discriminator learning rate")]
    public double LrD { get; init; } = 2e-4;

    [Flag("Adam β1 (ignored by rmsprop)")]
    public double Beta1 { get; init; } = 0.5;

    [Flag("Adam β2 (ignored by rmsprop)")]
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Whether the family trains on (input, target) pairs (image-to-image translation) rather than single images.</summary>
    [JsonIgnore]
    public virtual bool TrainsOnPairs => false;

    /// <summary>Learning-rate schedule of both networks: none, or linear to 0 at the run's last step (families with a classifier D).</summary>
    [JsonIgnore]
    public virtual string Schedule => "none";

    /// <summary>Throws a <see cref="GanSharpException"/> naming the first invalid option; each record checks what it adds, after its base.</summary>
    public virtual void Validate()
    {
        Check.OneOf(this, nameof(Networks), Networks);
        Check.Positive(LatentSize, "--latent-size");
        Check.OneOf(this, nameof(Prior), Prior);
        Check.Positive(Channels, "channels");
        Check.Positive(Width, "--width");
        Check.Positive(DSteps, "--d-steps");
        Check.OneOf(this, nameof(Optimizer), Optimizer);
        if (EmaDecay is < 0 or >= 1) throw new GanSharpException($"--ema-decay must be in [0, 1), got {EmaDecay}");
        if (EmaStart < 0) throw new GanSharpException($"--ema-start must be ≥ 0, got {EmaStart}");
        if (!(EmaRampup >= 0) || double.IsInfinity(EmaRampup)) throw new GanSharpException($"--ema-rampup must be a number ≥ 0, got {EmaRampup}");
        Check.Positive(BatchSize, "--batch-size");
        Check.PositiveReal(LrG, "--lr-g");
        Check.PositiveReal(LrD, "--lr-d");
        if (Beta1 is < 0 or >= 1) throw new GanSharpException($"--beta1 must be in [0, 1), got {Beta1}");
        if (Beta2 is < 0 or >= 1) throw new GanSharpException($"--beta2 must be in [0, 1), got {Beta2}");
        if (Networks == "mlp" && Resolution is < 4 or > 128)
            throw new GanSharpException($"--resolution {Resolution}: the mlp networks flatten the image (the book's 28×28 = 784 inputs); 4 to 128 pixels, dcgan networks for larger");
        if (Networks == "dcgan") GanSharp.Networks.DcganShape.Of(Resolution);
    }
}

/// <summary>Validation of options, by their flags.</summary>
public static class Check
{
    /// <summary>The options, validated (the same object, for chaining).</summary>
    public static T Validated<T>(this T options) where T : FamilyOptions
    {
        options.Validate();
        return options;
    }

    /// <summary>A string option must be one of the values its flag lists (a hidden flag's value is the family's to check).</summary>
    public static void OneOf(FamilyOptions options, string property, string value)
    {
        var flag = FlagProperty.Of(options.GetType()).FirstOrDefault(f => f.Property.Name == property);
        if (flag is null) return;
        var valid = flag.Flag.ValidValues!;
        if (!valid.Contains(value)) throw new GanSharpException($"{flag.Name} '{value}' is not known; valid values: {string.Join(", ", valid)}");
    }

    public static void Positive(long value, string flag)
    {
        if (value <= 0) throw new GanSharpException($"{flag} must be positive, got {value}");
    }

    public static void PositiveReal(double value, string flag)
    {
        if (!(value > 0) || double.IsInfinity(value)) throw new GanSharpException($"{flag} must be a positive number, got {value}");
    }

    public static void NonNegative(double value, string flag)
    {
        if (!(value >= 0) || double.IsInfinity(value)) throw new GanSharpException($"{flag} must be ≥ 0, got {value}");
    }
}
