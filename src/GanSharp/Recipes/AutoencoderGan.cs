using GanSharp.Data;
using GanSharp.Networks;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// GANs whose discriminator is an autoencoder and whose "realness" is an energy made from
/// reconstruction errors (BEGAN, EBGAN). The loop is the lectures' (k D steps on fresh real
/// batches, then one G step); subclasses give the two losses and any state they keep.
/// </summary>
public abstract class AutoencoderGan : IRecipe
{
    protected readonly nn.Module<Tensor, Tensor> g;
    protected readonly Autoencoder d;
    private readonly TorchSharp.Modules.OptimizerHelper optG, optD;
    private readonly Prior prior;
    private readonly Generator noise;
    private readonly Device device;
    private readonly List<RecipePart> parts;

    public GanOptions Options { get; }
    public nn.Module<Tensor, Tensor> Generator => g;
    public Autoencoder Discriminator => d;
    public long StepsDone { get; set; }
    public long ImagesPerStep => (long)Options.DSteps * Options.BatchSize;
    public IReadOnlyList<RecipePart> Parts => parts;
    public IReadOnlyList<(string Name, Generator Generator)> RandomStreams { get; }

    protected AutoencoderGan(GanOptions options, long seed, Device device)
    {
        Options = options.Validated();
        if (options.Networks != "dcgan") throw new GanSharpException($"{options.Family} uses convolutional networks; --networks must be dcgan");
        this.device = device;
        g = Gan.BuildGenerator(options);
        d = BuildAutoencoder(options);
        g.to(device);
        d.to(device);
        optG = RecipeParts.Optimizer(options, g, options.LrG);
        optD = RecipeParts.Optimizer(options, d, options.LrD);
        prior = Prior.Named(options.Prior);
        noise = Seeding.Generator(seed, "noise");
        parts = new List<RecipePart> { new("generator", g, optG), new("discriminator", d, optD) };
        RandomStreams = new[] { ("noise", noise) };
    }

    /// <summary>Adds a module of recipe state (no optimiser) to the checkpointed parts.</summary>
    protected void AddState(string name, nn.Module state) => parts.Add(new RecipePart(name, state, null));

    public static Autoencoder BuildAutoencoder(GanOptions o) => new(o.Resolution, o.Width, o.CodeSize, o.Channels);

    /// <summary>D's loss from a real and a generated batch; may log named numbers.</summary>
    protected abstract Tensor DiscriminatorLoss(Tensor real, Tensor fake, StepLog log);

    /// <summary>G's loss from a generated batch (gradients flow through D into G).</summary>
    protected abstract Tensor GeneratorLoss(Tensor fake, StepLog log);

    /// <summary>After both updates: equilibrium controls and their logs.</summary>
    protected virtual void AfterStep(StepLog log) { }

    public Tensor Noise(long n, Generator generator) => prior.Sample(n, Options.LatentSize, generator, device);

    public StepLog Step(IBatches data, bool detailed = true)
    {
        g.train();
        d.train();
        var log = new StepLog();
        for (int i = 0; i < Options.DSteps; i++)
        {
            var real = data.Next();
            Tensor fake;
            using (no_grad()) fake = g.forward(Noise(real.shape[0], noise));
            var lossD = DiscriminatorLoss(real, fake, log);
            optD.zero_grad();
            lossD.backward();
            log["loss/d"] = lossD.item<float>();
            if (detailed) log["grad/d"] = RecipeParts.GradNorm(d);
            optD.step();
        }
        var lossG = GeneratorLoss(g.forward(Noise(Options.BatchSize, noise)), log);
        optG.zero_grad();
        lossG.backward();
        log["loss/g"] = lossG.item<float>();
        if (detailed) log["grad/g"] = RecipeParts.GradNorm(g);
        optG.step();
        AfterStep(log);
        StepsDone++;
        return log;
    }

    public Tensor Sample(Tensor z) => RecipeParts.Sample(g, null, z, Noise);

    public IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => new ConvolutionCheck.Subject[]
    {
        new("generator", () => Gan.BuildGenerator(Options), g, z),
        new("autoencoder", () => BuildAutoencoder(Options), d, real),
    };

    public virtual void Dispose()
    {
        g.Dispose();
        d.Dispose();
        optG.Dispose();
        optD.Dispose();
        noise.Dispose();
        foreach (var p in parts.Where(p => p.Optimizer is null)) p.Module.Dispose();
    }
}
