using GanSharp.Data;
using GanSharp.Recipes.Kit;
using GanSharp.Recipes.Options;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// What the one-G, one-D recipes share, composed from the kit: G and D with their optimisers in a
/// <see cref="RecipeState"/>, the noise prior and stream, the EMA of G and the linear learning-rate
/// decay. Subclasses (<see cref="Gan"/>, <see cref="ConditionalGan"/>, <see cref="AutoencoderGan{TOptions}"/>)
/// write the training step. Checkpoint keys: modules generator, discriminator, generator_ema, then
/// what the subclass adds; optimisers generator and discriminator; streams noise, then the subclass's.
/// </summary>
public abstract class AdversarialRecipe<TOptions, TDiscriminator> : IRecipe, ILrSchedule, ITruncatedSampling where TOptions : FamilyOptions where TDiscriminator : nn.Module
{
    protected readonly RecipeState state;
    protected readonly nn.Module<Tensor, Tensor> g;
    protected readonly TDiscriminator d;
    protected readonly NamedOptimizer optG, optD;
    protected readonly Prior prior;
    protected readonly Generator noise;
    protected readonly Ema? ema;
    protected readonly Device device;

    public TOptions Options { get; }
    public nn.Module<Tensor, Tensor> Generator => g;
    public TDiscriminator Discriminator => d;
    public long StepsDone { get; set; }
    public virtual long ImagesPerStep => (long)Options.DSteps * Options.BatchSize;
    public RecipeState State => state;

    /// <summary>The step at which --lr-decay linear reaches 0 (the run's total steps; set by the training session).</summary>
    public long DecayHorizon { get; set; }

    /// <summary>The factor on both learning rates at the current step: 1, or 1 − t / T for linear decay.</summary>
    public double LrFactor => Options.Schedule == "linear" && DecayHorizon > 0 ? Schedules.LinearToZero(DecayHorizon)(StepsDone) : 1;

    /// <summary>Builds the networks (from the global seed, set by the caller) and optimisers on a device; the options are valid (<see cref="Family.CreateRecipe"/> checks them).</summary>
    protected AdversarialRecipe(TOptions options, long seed, Device device,
        Func<TOptions, nn.Module<Tensor, Tensor>> buildGenerator, Func<TOptions, TDiscriminator> buildDiscriminator)
    {
        Options = options;
        this.device = device;
        state = new RecipeState(seed, device);
        g = state.Network("generator", buildGenerator(options));
        d = state.Network("discriminator", buildDiscriminator(options));
        optG = state.Optimizer("generator", RecipeParts.Optimizer(options, options.LrG), g);
        optD = state.Optimizer("discriminator", RecipeParts.Optimizer(options, options.LrD), d);
        prior = Prior.Named(options.Prior);
        noise = state.Stream("noise");
        ema = RecipeParts.AddEma(options, g, () => buildGenerator(options), state);
    }

    /// <summary>Sets both learning rates for the current step of --lr-decay and logs the factor; nothing without decay.</summary>
    protected void ApplyLrSchedule(StepLog log)
    {
        if (Options.Schedule == "none") return;
        double f = LrFactor;
        state.ScaleLearningRates(f);
        log["lr/factor"] = f;
    }

    /// <summary>One optimiser step of D on its total loss; logs the adversarial part as loss/d and, when detailed, ‖∇D‖ as grad/d.</summary>
    protected void UpdateDiscriminator(Tensor total, Tensor adversarial, StepLog log, bool detailed) =>
        Update.Step(optD, total, log, "loss/d", adversarial, "grad/d", detailed);

    /// <summary>One optimiser step of G on its total loss; logs the adversarial part as loss/g and ‖∇G‖ as grad/g.</summary>
    protected void UpdateGenerator(Tensor total, Tensor adversarial, StepLog log, bool detailed) =>
        Update.Step(optG, total, log, "loss/g", adversarial, "grad/g", detailed);

    /// <summary>n latent vectors from the prior (conditional recipes append their code).</summary>
    public virtual Tensor Noise(long n, Generator generator) => prior.Sample(n, Options.LatentSize, generator, device);

    /// <summary>Samples from the moving average of G when there is one (that is what it is for), else from G.</summary>
    public virtual Tensor Sample(Tensor z) => RecipeParts.Sample(g, ema, z, Noise);

    /// <summary>Samples of the latents with their z (the first <c>LatentSize</c> entries) truncated to [−ψ, ψ]; codes after z are kept.</summary>
    public virtual Tensor SampleTruncated(Tensor latents, double psi)
    {
        if (prior != Prior.Normal) throw new GanSharpException($"--truncation needs z from the normal prior; this run's prior is {prior.Name}");
        var z = Prior.Truncate(latents.narrow(1, 0, Options.LatentSize), psi);
        var rest = latents.narrow(1, Options.LatentSize, latents.shape[1] - Options.LatentSize);
        return Sample(cat(new[] { z, rest }, 1));
    }

    public abstract StepLog Step(IBatches data, bool detailed = true);

    /// <summary>A grid of G's samples of fixed noise (toy networks: a cloud of generated points).</summary>
    public virtual IProbe Probe(long seed) => Options.Networks == "toy-mlp" ? Probes.Points(this, seed) : Probes.NoiseGrid(this, seed);

    public abstract ProgressDescription Progress { get; }

    public virtual void CheckData(DataShape shape, string source) { }

    public virtual DiscriminatorView? Critic => null;

    public abstract IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z);

    public virtual void Dispose()
    {
        state.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A recipe whose learning rates follow a schedule over the run (--lr-decay); the training session tells it the run's length.</summary>
public interface ILrSchedule
{
    long DecayHorizon { get; set; }
}
