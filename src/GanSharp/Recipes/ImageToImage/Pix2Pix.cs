using GanSharp.Data;
using GanSharp.Networks;
using GanSharp.Recipes.Kit;
using GanSharp.Runtime;
using static TorchSharp.torch;

namespace GanSharp.Recipes.ImageToImage;

/// <summary>
/// pix2pix (Isola et al. 2017): G(x) translates an input to its target; D tells (x, y) from
/// (x, G(x)) patch by patch. D: ½ [BCE(D(x, y), 1) + BCE(D(x, G(x)), 0)]. G: BCE(D(x, G(x)), 1) +
/// λ ‖y − G(x)‖₁ (mean over pixels), D frozen during G's update as in junyanz's implementation.
/// Checkpoint keys: modules generator, discriminator; optimisers generator, discriminator.
/// </summary>
public sealed class Pix2Pix : TranslationRecipe<Pix2PixOptions>
{
    private readonly UNetGenerator g;
    private readonly PatchGanDiscriminator d;
    private readonly NamedOptimizer optG, optD;

    public Pix2Pix(Pix2PixOptions options, long seed, Device device) : base(options, seed, device)
    {
        g = State.Network("generator", BuildGenerator(options));
        d = State.Network("discriminator", BuildDiscriminator(options));
        optG = State.Optimizer("generator", RecipeParts.Optimizer(options, options.LrG), g);
        optD = State.Optimizer("discriminator", RecipeParts.Optimizer(options, options.LrD), d);
    }

    internal static UNetGenerator BuildGenerator(Pix2PixOptions o) => new(o.InputChannels, o.Channels, o.Resolution, o.Width, o.Norm, dropout: !o.NoDropout);

    internal static PatchGanDiscriminator BuildDiscriminator(Pix2PixOptions o) => new(o.InputChannels + o.Channels, o.Width, o.DLayers, o.Norm);

    /// <summary>1 for the first <see cref="PatchTranslationOptions.DecayFrom"/> of the run, then linear to 0.</summary>
    public override double LrFactor => ConstantThenLinear(Options.DecayFrom);

    protected override void TrainOn(Batch batch, StepLog log, bool detailed)
    {
        g.train();
        d.train();
        var x = batch.X;                                                     // (N, C_in, S, S)
        var y = batch.RequireY("pix2pix");                                   // (N, C, S, S)
        var fake = g.forward(x);
        if (!Options.L1Only) UpdateDiscriminator(x, y, fake, log, detailed);
        var l1 = (fake - y).abs().mean();
        Tensor adversarial = zeros(1, device: Device).squeeze();
        if (!Options.L1Only)
        {
            RequiresGrad(false, d);                                          // G's update does not need D's gradients
            adversarial = Bce(d.forward(cat(new[] { x, fake }, 1)), 1);
        }
        Update.Step(optG, adversarial + Options.L1Weight * l1, log, "loss/g", adversarial, "grad/g", detailed);
        RequiresGrad(true, d);
        log["loss/l1"] = l1.item<float>();
    }

    private void UpdateDiscriminator(Tensor x, Tensor y, Tensor fake, StepLog log, bool detailed)
    {
        var onReal = d.forward(cat(new[] { x, y }, 1));                      // (N, 1, P, P): one logit per patch
        var onFake = d.forward(cat(new[] { x, fake.detach() }, 1));
        BceDiscriminatorStep(optD, onReal, onFake, 0.5, log, detailed);     // halved: D learns slower than G (the paper)
    }

    /// <summary>G's translation of inputs, in eval mode (dropout off, running statistics) without gradients.</summary>
    public override Tensor Sample(Tensor inputs) => Translate(g, inputs);

    public override IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => new ConvolutionCheck.Subject[]
    {
        new("generator", () => BuildGenerator(Options), g, z),
        new("discriminator", () => BuildDiscriminator(Options), d, cat(new[] { z, real }, 1)),
    };

    /// <summary>Rows of input | output | target for fixed examples of the data (two triples a row).</summary>
    public override IProbe Probe(long seed, Func<int, Batch> examples) => new Translations(this, examples(8), Options.Channels);

    public override ProgressDescription Progress => new($"pix2pix, BCE + {Options.L1Weight:g} · L1{(Options.L1Only ? " (L1 only)" : "")}", OutputsAreProbabilities: true,
        "D(x, G(x)), translated", new[] { ("loss/l1", "L1 to the target") });

    /// <summary>Input | output | target for fixed pairs; grey inputs shown in the targets' channels.</summary>
    internal sealed class Translations(IRecipe recipe, Batch pairs, int channels) : ExampleProbe(pairs, "a translation probe")
    {
        public override Panel Draw()
        {
            var output = recipe.Sample(Inputs).cpu();
            var shown = Inputs.shape[1] == channels ? Inputs : Inputs.expand(-1, channels, -1, -1);
            return new ImagePanel(stack(new[] { shown, output, Targets }, 1).flatten(0, 1), Columns: 6);
        }
    }
}
