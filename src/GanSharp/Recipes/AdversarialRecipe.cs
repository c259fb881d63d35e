using GanSharp.Data;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// What every adversarial recipe owns the same way: G and D on a device, their optimisers, the
/// noise prior and stream, the EMA of G, the checkpointed parts and random streams, the linear
/// learning-rate decay and disposal. Subclasses (<see cref="Gan"/>, <see cref="ConditionalGan"/>,
/// <see cref="AutoencoderGan"/>) write the training step. Checkpoint keys: generator,
/// discriminator, generator_ema, then what the subclass adds.
/// </summary>
public abstract class AdversarialRecipe<TDiscriminator> : IRecipe, ILrSchedule where TDiscriminator : nn.Module
{
    protected readonly nn.Module<Tensor, Tensor> g;
    protected readonly TDiscriminator d;
    protected readonly TorchSharp.Modules.OptimizerHelper optG, optD;
    protected readonly Prior prior;
    protected readonly Generator noise;
    protected readonly Ema? ema;
    protected readonly Device device;
    private readonly List<RecipePart> parts;
    private readonly List<(string Name, Generator Generator)> streams;

    public GanOptions Options { get; }
    public nn.Module<Tensor, Tensor> Generator => g;
    public TDiscriminator Discriminator => d;
    public long StepsDone { get; set; }
    public virtual long ImagesPerStep => (long)Options.DSteps * Options.BatchSize;
    public IReadOnlyList<RecipePart> Parts => parts;
    public IReadOnlyList<(string Name, Generator Generator)> RandomStreams => streams;

    /// <summary>The step at which --lr-decay linear reaches 0 (the run's total steps; set by the training session).</summary>
    public long DecayHorizon { get; set; }

    /// <summary>The factor on both learning rates at the current step: 1, or 1 − t / T for linear decay.</summary>
    public double LrFactor => Options.LrDecay == "linear" && DecayHorizon > 0 ? Math.Max(0, 1 - (double)StepsDone / DecayHorizon) : 1;

    /// <summary>Builds the networks (from the global seed, set by the caller) and optimisers on a device.</summary>
    protected AdversarialRecipe(GanOptions options, long seed, Device device,
        Func<GanOptions, nn.Module<Tensor, Tensor>> buildGenerator, Func<GanOptions, TDiscriminator> buildDiscriminator)
    {
        Options = options.Validated();
        this.device = device;
        g = buildGenerator(options);
        d = buildDiscriminator(options);
        g.to(device);
        d.to(device);
        optG = RecipeParts.Optimizer(options, g, options.LrG);
        optD = RecipeParts.Optimizer(options, d, options.LrD);
        prior = Prior.Named(options.Prior);
        noise = Seeding.Generator(seed, "noise");
        parts = new List<RecipePart> { new("generator", g, optG), new("discriminator", d, optD) };
        ema = RecipeParts.AddEma(options, g, () => buildGenerator(options), device, parts);
        streams = new List<(string, Generator)> { ("noise", noise) };
    }

    /// <summary>Adds a module of recipe state (no optimiser; buffers or running averages) to the checkpointed parts.</summary>
    protected void AddState(string name, nn.Module state) => parts.Add(new RecipePart(name, state, null));

    /// <summary>A further random stream of the recipe, seeded by its name and saved for exact resume.</summary>
    protected Generator AddStream(long seed, string name)
    {
        var stream = Seeding.Generator(seed, name);
        streams.Add((name, stream));
        return stream;
    }

    /// <summary>Sets both learning rates for the current step of --lr-decay and logs the factor; nothing without decay.</summary>
    protected void ApplyLrSchedule(StepLog log)
    {
        if (Options.LrDecay == "none") return;
        double f = LrFactor;
        foreach (var group in optG.ParamGroups) group.LearningRate = Options.LrG * f;
        foreach (var group in optD.ParamGroups) group.LearningRate = Options.LrD * f;
        log["lr/factor"] = f;
    }

    /// <summary>One optimiser step of D on its total loss; logs the adversarial part as loss/d and, when detailed, ‖∇D‖ as grad/d.</summary>
    protected void UpdateDiscriminator(Tensor total, Tensor adversarial, StepLog log, bool detailed)
    {
        optD.zero_grad();
        total.backward();
        log["loss/d"] = adversarial.item<float>();              // with k steps, the last one is reported
        if (detailed) log["grad/d"] = RecipeParts.GradNorm(d);
        optD.step();
    }

    /// <summary>One optimiser step of G on its total loss; logs the adversarial part as loss/g and ‖∇G‖ as grad/g.</summary>
    protected void UpdateGenerator(Tensor total, Tensor adversarial, StepLog log, bool detailed)
    {
        optG.zero_grad();
        total.backward();
        log["loss/g"] = adversarial.item<float>();
        if (detailed) log["grad/g"] = RecipeParts.GradNorm(g);
        optG.step();
    }

    /// <summary>n latent vectors from the prior (conditional recipes append their code).</summary>
    public virtual Tensor Noise(long n, Generator generator) => prior.Sample(n, Options.LatentSize, generator, device);

    /// <summary>Samples from the moving average of G when there is one (that is what it is for), else from G.</summary>
    public Tensor Sample(Tensor z) => RecipeParts.Sample(g, ema, z, Noise);

    public abstract StepLog Step(IBatches data, bool detailed = true);

    public abstract IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z);

    public virtual void Dispose()
    {
        g.Dispose();
        d.Dispose();
        optG.Dispose();
        optD.Dispose();
        foreach (var (_, stream) in streams) stream.Dispose();
        foreach (var p in parts.Where(p => p.Optimizer is null)) p.Module.Dispose();   // EMA copy and recipe state
        GC.SuppressFinalize(this);
    }
}

/// <summary>A recipe whose learning rates follow a schedule over the run (--lr-decay); the training session tells it the run's length.</summary>
public interface ILrSchedule
{
    long DecayHorizon { get; set; }
}
