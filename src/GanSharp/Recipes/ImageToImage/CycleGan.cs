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
public sealed class CycleGan : IRecipe, ILrSchedule
{
    private readonly RecipeState state;
    private readonly ResNetGenerator gAb, gBa;
    private readonly PatchGanDiscriminator dA, dB;
    private readonly ImagePool poolA, poolB;
    private readonly Generator poolStreamA, poolStreamB;
    private readonly NamedOptimizer optG, optD;
    private readonly Device device;

    public CycleGanOptions Options { get; }
    public RecipeState State => state;
    public long StepsDone { get; set; }
    public long ImagesPerStep => Options.BatchSize;
    public long DecayHorizon { get; set; }

    public CycleGan(CycleGanOptions options, long seed, Device device)
    {
        Options = options;
        this.device = device;
        state = new RecipeState(seed, device);
        gAb = state.Network("generator_ab", BuildGenerator(options, options.InputChannels, options.Channels));
        gBa = state.Network("generator_ba", BuildGenerator(options, options.Channels, options.InputChannels));
        dA = state.Network("discriminator_a", BuildDiscriminator(options, options.InputChannels));
        dB = state.Network("discriminator_b", BuildDiscriminator(options, options.Channels));
        poolA = state.State("pool_a", new ImagePool(options.PoolSize, options.InputChannels, options.Resolution, options.Resolution));
        poolB = state.State("pool_b", new ImagePool(options.PoolSize, options.Channels, options.Resolution, options.Resolution));
        optG = state.Optimizer("generators", RecipeParts.Optimizer(options, options.LrG), gAb, gBa);
        optD = state.Optimizer("discriminators", RecipeParts.Optimizer(options, options.LrD), dA, dB);
        poolStreamA = state.Stream("pool-a");
        poolStreamB = state.Stream("pool-b");
    }

    internal static ResNetGenerator BuildGenerator(CycleGanOptions o, int from, int to) => new(from, to, o.Width, o.ResidualBlocks, o.Norm);

    internal static PatchGanDiscriminator BuildDiscriminator(CycleGanOptions o, int channels) => new(channels, o.Width, o.DLayers, o.Norm);

    public double LrFactor => TranslationParts.LrFactor(Options.DecayFrom, DecayHorizon, StepsDone);

    public StepLog Step(IBatches data, bool detailed = true)
    {
        foreach (var m in new nn.Module[] { gAb, gBa, dA, dB }) m.train();
        var log = new StepLog();
        double factor = LrFactor;
        state.ScaleLearningRates(factor);
        log["lr/factor"] = factor;
        var batch = data.Next();
        var a = batch.X;                                                     // (N, C_A, S, S)
        var b = batch.RequireY("CycleGAN");                                  // (N, C_B, S, S), unpaired with a
        var fakeB = gAb.forward(a);
        var fakeA = gBa.forward(b);
        UpdateGenerators(a, b, fakeA, fakeB, log, detailed);
        UpdateDiscriminators(a, b, fakeA.detach(), fakeB.detach(), log, detailed);
        StepsDone++;
        return log;
    }

    private void UpdateGenerators(Tensor a, Tensor b, Tensor fakeA, Tensor fakeB, StepLog log, bool detailed)
    {
        TranslationParts.RequiresGrad(false, dA, dB);
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
        TranslationParts.RequiresGrad(true, dA, dB);
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
    public Tensor Sample(Tensor a) => Translate(gAb, a);

    /// <summary>G_BA's translation of domain-B images.</summary>
    public Tensor SampleBackwards(Tensor b) => Translate(gBa, b);

    private Tensor Translate(ResNetGenerator g, Tensor x)
    {
        g.eval();
        using var _ = no_grad();
        return g.forward(x.to(device));
    }

    public Tensor Noise(long n, Generator generator) => TranslationParts.RandomImages(n, Options.InputChannels, Options.Resolution, generator, device);

    public IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => new ConvolutionCheck.Subject[]
    {
        new("generator A→B", () => BuildGenerator(Options, Options.InputChannels, Options.Channels), gAb, z),
        new("discriminator B", () => BuildDiscriminator(Options, Options.Channels), dB, real),
    };

    /// <summary>Rows of a | G_AB(a) | G_BA(G_AB(a)) and b | G_BA(b) | G_AB(G_BA(b)): both translations and both round trips.</summary>
    public IProbe Probe(long seed, Func<int, Batch> examples) => new RoundTrips(this, examples(4));

    public IProbe Probe(long seed) => Probes.NoiseGrid(this, seed, count: 16, columns: 4);

    public ProgressDescription Progress => new($"cyclegan, least squares, λ {Options.CycleWeight:g}, identity {Options.IdentityWeight:g}·λ", OutputsAreProbabilities: false,
        "D(G(·)), translated (both domains)", new[] { ("cycle/a", "cycle A → B → A"), ("cycle/b", "cycle B → A → B"), ("loss/identity", "identity") });

    public void Dispose() => state.Dispose();

    private sealed class RoundTrips(CycleGan recipe, Batch examples) : IProbe
    {
        private readonly Tensor a = examples.X.DetachFromDisposeScope(), b = examples.RequireY("CycleGAN's probe").DetachFromDisposeScope();

        public Panel Draw()
        {
            var fakeB = recipe.Sample(a);
            var fakeA = recipe.SampleBackwards(b);
            int c = recipe.Options.Channels;
            Tensor Shown(Tensor x) => x.shape[1] == c ? x.cpu() : x.cpu().expand(-1, c, -1, -1);
            var row = stack(new[] { Shown(a), Shown(fakeB), Shown(recipe.SampleBackwards(fakeB)), Shown(b), Shown(fakeA), Shown(recipe.Sample(fakeA)) }, 1);
            return new ImagePanel(row.flatten(0, 1), Columns: 6);
        }

        public void Dispose()
        {
            a.Dispose();
            b.Dispose();
        }
    }
}
