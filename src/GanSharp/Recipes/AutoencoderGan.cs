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
public abstract class AutoencoderGan<TOptions> : AdversarialRecipe<TOptions, Autoencoder> where TOptions : AutoencoderOptions
{
    protected AutoencoderGan(TOptions options, long seed, Device device) : base(options, seed, device, Gan.BuildGenerator, BuildAutoencoder) { }

    public static Autoencoder BuildAutoencoder(AutoencoderOptions o) => new(o.Resolution, o.Width, o.CodeSize, o.Channels);

    public override ProgressDescription Progress => new($"{Options.Family} (d/real, d/fake: reconstruction energies)", OutputsAreProbabilities: false);

    /// <summary>D's loss from a real and a generated batch; may log named numbers.</summary>
    protected abstract Tensor DiscriminatorLoss(Tensor real, Tensor fake, StepLog log);

    /// <summary>G's loss from a generated batch (gradients flow through D into G).</summary>
    protected abstract Tensor GeneratorLoss(Tensor fake, StepLog log);

    /// <summary>After both updates: equilibrium controls and their logs.</summary>
    protected virtual void AfterStep(StepLog log) { }

    public override StepLog Step(IBatches data, bool detailed = true)
    {
        g.train();
        d.train();
        var log = new StepLog();
        for (int i = 0; i < Options.DSteps; i++)
        {
            var real = data.Next().X;
            Tensor fake;
            using (no_grad()) fake = g.forward(Noise(real.shape[0], noise));
            var lossD = DiscriminatorLoss(real, fake, log);
            UpdateDiscriminator(lossD, lossD, log, detailed);
        }
        var lossG = GeneratorLoss(g.forward(Noise(Options.BatchSize, noise)), log);
        UpdateGenerator(lossG, lossG, log, detailed);
        ema?.Update(StepsDone);
        AfterStep(log);
        StepsDone++;
        return log;
    }

    public override IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => new ConvolutionCheck.Subject[]
    {
        new("generator", () => Gan.BuildGenerator(Options), g, z),
        new("autoencoder", () => BuildAutoencoder(Options), d, real),
    };
}
