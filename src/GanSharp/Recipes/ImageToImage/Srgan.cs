using GanSharp.Data;
using GanSharp.Data.Pairs;
using GanSharp.Features;
using GanSharp.Networks;
using GanSharp.Recipes.Kit;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Recipes.ImageToImage;

/// <summary>
/// SRGAN (Ledig et al. 2017): G upsamples a low-resolution image; for the first
/// <see cref="SrganOptions.Pretrain"/> of the run it learns the pixels' MSE alone (SRResNet), then
/// D tells real high-resolution images from G's and G minimises content + w·BCE(D(G(x)), 1), the
/// content being the MSE of the feature network's maps (or of the pixels). D: BCE(D(y), 1) + BCE(D(G(x)), 0).
/// Checkpoint keys: modules generator, discriminator and (feature content) content_features;
/// optimisers generator, discriminator.
/// </summary>
public sealed class Srgan : TranslationRecipe<SrganOptions>
{
    private readonly SrResNet g;
    private readonly SrganDiscriminator d;
    private readonly FeatureNetwork? content;
    private readonly NamedOptimizer optG, optD;

    public Srgan(SrganOptions options, long seed, Device device) : base(options, seed, device)
    {
        g = State.Network("generator", BuildGenerator(options));
        d = State.Network("discriminator", BuildDiscriminator(options));
        if (options.NeedsFeatureNetwork)
        {
            content = State.State("content_features", LoadContentNetwork(options));
            RequiresGrad(false, content);                                    // frozen: gradients reach G through it, never its weights
        }
        optG = State.Optimizer("generator", RecipeParts.Optimizer(options, options.LrG), g);
        optD = State.Optimizer("discriminator", RecipeParts.Optimizer(options, options.LrD), d);
    }

    internal static SrResNet BuildGenerator(SrganOptions o) => new(o.Channels, o.Width, o.ResidualBlocks, o.Factor);

    internal static SrganDiscriminator BuildDiscriminator(SrganOptions o) => new(o.Channels, o.Width);

    private static FeatureNetwork LoadContentNetwork(SrganOptions o)
    {
        var (net, _) = FeatureNetworks.Load(o.ContentFeatures);
        if (net.Input.Channels != o.Channels || net.Input.Side != o.Resolution)
        {
            net.Dispose();
            throw new GanSharpException($"the content loss's feature network {o.ContentFeatures ?? "(embedded, Fashion-MNIST)"} reads {net.Input}, but SRGAN's outputs are {(o.Channels == 1 ? "grey" : "RGB")} {o.Resolution}×{o.Resolution}; " +
                                        $"train one for the data at that side (gan features train --data FOLDER --resolution {o.Resolution} --channels {o.Channels}) or use --content pixel");
        }
        return net;
    }

    /// <summary>The first step of the GAN phase (steps before it are the SRResNet phase).</summary>
    public long AdversarialFrom => DecayHorizon > 1 ? (long)(Options.Pretrain * DecayHorizon) : 0;

    /// <summary>1 through the SRResNet phase and the first half of the GAN phase, then 0.1 (the paper: 10⁻⁴, then 10⁻⁵ for the last 10⁵ updates).</summary>
    public override double LrFactor => StepsDone < AdversarialFrom + (DecayHorizon - AdversarialFrom) / 2 ? 1 : 0.1;

    protected override int InputSide => Options.Resolution / Options.Factor;

    protected override void TrainOn(Batch batch, StepLog log, bool detailed)
    {
        g.train();
        d.train();
        content?.eval();                                                     // running statistics, no dropout: a fixed measure
        var x = batch.X;                                                     // (N, C, s, s)
        var y = batch.RequireY("SRGAN");                                     // (N, C, f·s, f·s)
        var fake = g.forward(x);
        var mse = mse_loss(fake, y);
        if (StepsDone < AdversarialFrom)
        {
            Update.Step(optG, mse, log, "loss/g", mse, "grad/g", detailed);
            log["phase/adversarial"] = 0;
        }
        else
        {
            BceDiscriminatorStep(optD, d.forward(y), d.forward(fake.detach()), 1, log, detailed);
            RequiresGrad(false, d);
            var adversarial = Bce(d.forward(fake), 1);
            var contentLoss = content is null ? mse : mse_loss(content.Maps(fake), content.Maps(y));
            Update.Step(optG, Options.ContentWeight * contentLoss + Options.AdversarialWeight * adversarial, log, "loss/g", adversarial, "grad/g", detailed);
            RequiresGrad(true, d);
            log["loss/content"] = contentLoss.item<float>();
            log["phase/adversarial"] = 1;
        }
        log["loss/mse"] = mse.item<float>();
    }

    /// <summary>G's upsampling of low-resolution images, in eval mode (running statistics) without gradients.</summary>
    public override Tensor Sample(Tensor inputs) => Translate(g, inputs);

    public override IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => new ConvolutionCheck.Subject[]
    {
        new("generator", () => BuildGenerator(Options), g, z),
        new("discriminator", () => BuildDiscriminator(Options), d, real),
    };

    /// <summary>Rows of input (nearest, to size) | bicubic | SRGAN | target for fixed examples, two quadruples a row.</summary>
    public override IProbe Probe(long seed, Func<int, Batch> examples) => new Upscalings(this, examples(8));

    public override ProgressDescription Progress => new($"srgan ×{Options.Factor}, MSE then {Options.Content} content + {Options.AdversarialWeight:g} · BCE", OutputsAreProbabilities: true,
        "D(G(x)), upscaled", new[] { ("loss/mse", "pixels' MSE"), ("loss/content", $"content ({Options.Content})") });

    private sealed class Upscalings(Srgan recipe, Batch pairs) : ExampleProbe(pairs, "SRGAN's probe")
    {
        public override Panel Draw()
        {
            int f = recipe.Options.Factor;
            var nearest = Inputs.repeat_interleave(f, 2).repeat_interleave(f, 3);
            var row = stack(new[] { nearest, LowResolution.Bicubic(Inputs, f), recipe.Sample(Inputs).cpu(), Targets }, 1);
            return new ImagePanel(row.flatten(0, 1), Columns: 8);
        }
    }
}
