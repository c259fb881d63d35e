using GanSharp.Data;
using GanSharp.Networks;
using GanSharp.Recipes.Kit;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Recipes.ImageToImage;

/// <summary>
/// CycleGAN (Zhu et al. 2017): G_AB and G_BA translate between two unpaired domains; D_B tells real
/// b from G_AB(a), D_A real a from G_BA(b), with least-squares losses. G's loss (both generators,
/// one optimiser): (D_B(G_AB(a)) − 1)² + (D_A(G_BA(b)) − 1)² + λ (‖G_BA(G_AB(a)) − a‖₁ + ‖G_AB(G_BA(b)) − b‖₁)
/// + λ·w_id (‖G_AB(b) − b‖₁ + ‖G_BA(a) − a‖₁). Each D: ½ [(D(real) − 1)² + D(pooled fake)²].
/// Checkpoint keys: modules generator_ab, generator_ba, discriminator_a, discriminator_b, pool_a,
/// pool_b; optimisers generators, discriminators; streams pool-a, pool-b.
/// </summary>
public sealed class CycleGan : TranslationRecipe<CycleGanOptions>
{
    private readonly ResNetGenerator gAb, gBa;
    private readonly PatchGanDiscriminator dA, dB;
    private readonly ImagePool poolA, poolB;
    private readonly Generator poolStreamA, poolStreamB;
    private readonly NamedOptimizer optG, optD;

    public CycleGan(CycleGanOptions options, long seed, Device device) : base(options, seed, device)
    {
        gAb = State.Network("generator_ab", BuildGenerator(options, options.InputChannels, options.Channels));
        gBa = State.Network("generator_ba", BuildGenerator(options, options.Channels, options.InputChannels));
        dA = State.Network("discriminator_a", BuildDiscriminator(options, options.InputChannels));
        dB = State.Network("discriminator_b", BuildDiscriminator(options, options.Channels));
        poolA = State.State("pool_a", new ImagePool(options.PoolSize, options.InputChannels, options.Resolution, options.Resolution));
        poolB = State.State("pool_b", new ImagePool(options.PoolSize, options.Channels, options.Resolution, options.Resolution));
        optG = State.Optimizer("generators", RecipeParts.Optimizer(options, options.LrG), gAb, gBa);
        optD = State.Optimizer("discriminators", RecipeParts.Optimizer(options, options.LrD), dA, dB);
        poolStreamA = State.Stream("pool-a");
        poolStreamB = State.Stream("pool-b");
    }

    internal static ResNetGenerator BuildGenerator(CycleGanOptions o, int from, int to) => new(from, to, o.Width, o.ResidualBlocks, o.Norm);

    internal static PatchGanDiscriminator BuildDiscriminator(CycleGanOptions o, int channels) => new(channels, o.Width, o.DLayers, o.Norm);

    public override double LrFactor => ConstantThenLinear(Options.DecayFrom);

    protected override void TrainOn(Batch batch, StepLog log, bool detailed)
    {
        foreach (var m in new nn.Module[] { gAb, gBa, dA, dB }) m.train();
        var a = batch.X;                                                     // (N, C_A, S, S)
        var b = batch.RequireY("CycleGAN");                                  // (N, C_B, S, S), unpaired with a
        var fakeB = gAb.forward(a);
        var fakeA = gBa.forward(b);
        UpdateGenerators(a, b, fakeA, fakeB, log, detailed);
        UpdateDiscriminators(a, b, fakeA.detach(), fakeB.detach(), log, detailed);
    }

    private void UpdateGenerators(Tensor a, Tensor b, Tensor fakeA, Tensor fakeB, StepLog log, bool detailed)
    {
        RequiresGrad(false, dA, dB);
        var adversarial = LeastSquares(dB.forward(fakeB), 1) + LeastSquares(dA.forward(fakeA), 1);
        var cycleA = (gBa.forward(fakeB) - a).abs().mean();
        var cycleB = (gAb.forward(fakeA) - b).abs().mean();
        var total = adversarial + Options.CycleWeight * (cycleA + cycleB);
        if (Options.IdentityWeight > 0)
        {
            var identity = (gAb.forward(b) - b).abs().mean() + (gBa.forward(a) - a).abs().mean();
            total = total + Options.CycleWeight * Options.IdentityWeight * identity;
            log["loss/identity"] = identity.item<float>();
        }
        Update.Step(optG, total, log, "loss/g", adversarial, "grad/g", detailed);
        RequiresGrad(true, dA, dB);
        log["cycle/a"] = cycleA.item<float>();
        log["cycle/b"] = cycleB.item<float>();
    }

    private void UpdateDiscriminators(Tensor a, Tensor b, Tensor fakeA, Tensor fakeB, StepLog log, bool detailed)
    {
        var onRealB = dB.forward(b);
        var onFakeB = dB.forward(poolB.Query(fakeB, poolStreamB));
        var onRealA = dA.forward(a);
        var onFakeA = dA.forward(poolA.Query(fakeA, poolStreamA));
        var lossD = 0.5 * (LeastSquares(onRealB, 1) + LeastSquares(onFakeB, 0)) + 0.5 * (LeastSquares(onRealA, 1) + LeastSquares(onFakeA, 0));
        Update.Step(optD, lossD, log, "loss/d", lossD, "grad/d", detailed);
        log["d/real"] = 0.5 * (onRealA.mean().item<float>() + onRealB.mean().item<float>());
        log["d/fake"] = 0.5 * (onFakeA.mean().item<float>() + onFakeB.mean().item<float>());
    }

    private static Tensor LeastSquares(Tensor scores, float target) => mse_loss(scores, full_like(scores, target));

    /// <summary>G_AB's translation of domain-A images, in eval mode without gradients.</summary>
    public override Tensor Sample(Tensor a) => Translate(gAb, a);

    /// <summary>G_BA's translation of domain-B images.</summary>
    public Tensor SampleBackwards(Tensor b) => Translate(gBa, b);

    public override IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => new ConvolutionCheck.Subject[]
    {
        new("generator A→B", () => BuildGenerator(Options, Options.InputChannels, Options.Channels), gAb, z),
        new("discriminator B", () => BuildDiscriminator(Options, Options.Channels), dB, real),
    };

    /// <summary>Rows of a | G_AB(a) | G_BA(G_AB(a)) and b | G_BA(b) | G_AB(G_BA(b)): both translations and both round trips.</summary>
    public override IProbe Probe(long seed, Func<int, Batch> examples) => new RoundTrips(this, examples(4));

    public override ProgressDescription Progress => new($"cyclegan, least squares, λ {Options.CycleWeight:g}, identity {Options.IdentityWeight:g}·λ", OutputsAreProbabilities: false,
        "D(G(·)), translated (both domains)", new[] { ("cycle/a", "cycle A → B → A"), ("cycle/b", "cycle B → A → B"), ("loss/identity", "identity") });

    private sealed class RoundTrips(CycleGan recipe, Batch examples) : ExampleProbe(examples, "CycleGAN's probe")
    {
        public override Panel Draw()
        {
            Tensor a = Inputs, b = Targets;
            var fakeB = recipe.Sample(a);
            var fakeA = recipe.SampleBackwards(b);
            int c = recipe.Options.Channels;
            Tensor Shown(Tensor x) => x.shape[1] == c ? x.cpu() : x.cpu().expand(-1, c, -1, -1);
            var row = stack(new[] { Shown(a), Shown(fakeB), Shown(recipe.SampleBackwards(fakeB)), Shown(b), Shown(fakeA), Shown(recipe.Sample(fakeA)) }, 1);
            return new ImagePanel(row.flatten(0, 1), Columns: 6);
        }
    }
}
