using GanSharp.Data;
using GanSharp.Recipes;
using GanSharp.Recipes.Kit;
using GanSharp.Runtime;
using GanSharp.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanSharp.Tests.Recipes;

/// <summary>The recipe kit: a two-generator, two-discriminator recipe built from it alone trains and resumes exactly.</summary>
public sealed class KitTests
{
    /// <summary>
    /// CycleGAN in miniature, written only from the kit: G_AB and G_BA under one optimiser, D_A and
    /// D_B with one each, least-squares GAN loss plus cycle loss, dropout in G (global RNG), a
    /// recipe stream that decides which fakes D sees (as CycleGAN's image pool does), and a constant
    /// then linear learning-rate schedule.
    /// </summary>
    private sealed class TinyCycle : IRecipe
    {
        private readonly nn.Module<Tensor, Tensor> gAB, gBA, dA, dB;
        private readonly NamedOptimizer optG, optDA, optDB;
        private readonly Generator pool;
        private readonly Func<long, double> schedule = Schedules.ConstantThenLinear(2, 4);

        public RecipeState State { get; }
        public long StepsDone { get; set; }
        public long ImagesPerStep => 16;

        public TinyCycle()
        {
            State = new RecipeState(seed: 3, CPU);
            manual_seed(11);
            gAB = State.Network("generator_ab", Generator());
            gBA = State.Network("generator_ba", Generator());
            dA = State.Network("discriminator_a", Discriminator());
            dB = State.Network("discriminator_b", Discriminator());
            optG = State.Optimizer("generators", p => optim.Adam(p, 2e-3, 0.5, 0.999), gAB, gBA);
            optDA = State.Optimizer("discriminator_a", p => optim.Adam(p, 2e-3, 0.5, 0.999), dA);
            optDB = State.Optimizer("discriminator_b", p => optim.Adam(p, 2e-3, 0.5, 0.999), dB);
            pool = State.Stream("pool");
        }

        private static nn.Module<Tensor, Tensor> Generator() => nn.Sequential(nn.Conv2d(1, 4, 3, padding: 1), nn.ReLU(), nn.Dropout2d(0.5), nn.Conv2d(4, 1, 3, padding: 1), nn.Tanh());
        private static nn.Module<Tensor, Tensor> Discriminator() => nn.Sequential(nn.Conv2d(1, 4, 4, stride: 2, padding: 1), nn.LeakyReLU(0.2), nn.Conv2d(4, 1, 4));

        private static Tensor LeastSquares(Tensor scores, float target) => (scores - target).pow(2).mean();

        public StepLog Step(IBatches data, bool detailed = true)
        {
            var log = new StepLog();
            State.ScaleLearningRates(schedule(StepsDone));
            var batch = data.Next();
            var (a, b) = (batch.X, batch.RequireY("TinyCycle"));
            var fakeB = gAB.forward(a);
            var fakeA = gBA.forward(b);
            var adversarial = LeastSquares(dB.forward(fakeB), 1) + LeastSquares(dA.forward(fakeA), 1);
            var cycle = (gBA.forward(fakeB) - a).abs().mean() + (gAB.forward(fakeA) - b).abs().mean();
            Update.Step(optG, adversarial + 10 * cycle, log, "loss/g", adversarial, "grad/g", detailed);
            // The pool's stand-in: a coin from the recipe's stream picks this step's fakes or their mirror image.
            bool mirror = rand(1, generator: pool).item<float>() < 0.5f;
            Tensor Pooled(Tensor f) => (mirror ? f.flip(3) : f).detach();
            var lossA = LeastSquares(dA.forward(a), 1) + LeastSquares(dA.forward(Pooled(fakeA)), 0);
            Update.Step(optDA, 0.5 * lossA, log, "loss/d_a", lossA, "grad/d_a", detailed);
            var lossB = LeastSquares(dB.forward(b), 1) + LeastSquares(dB.forward(Pooled(fakeB)), 0);
            Update.Step(optDB, 0.5 * lossB, log, "loss/d", lossB, "grad/d", detailed);
            StepsDone++;
            return log;
        }

        /// <summary>Its own picture of progress: rows of input | translation, as pix2pix and CycleGAN show them.</summary>
        public IProbe Probe(long seed) => new InputOutputRows(this, Noise(4, new Generator((ulong)seed)).DetachFromDisposeScope());

        private sealed class InputOutputRows(TinyCycle recipe, Tensor inputs) : IProbe
        {
            public Panel Draw() => new ImagePanel(stack(new[] { inputs, recipe.Sample(inputs) }, 1).view(8, 1, 8, 8), Columns: 2);
            public void Dispose() => inputs.Dispose();
        }

        public Tensor Sample(Tensor z) { using var _ = no_grad(); gAB.eval(); var y = gAB.forward(z); gAB.train(); return y; }
        public Tensor Noise(long n, Generator generator) => rand(new long[] { n, 1, 8, 8 }, generator: generator) * 2 - 1;
        public IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z) => Array.Empty<ConvolutionCheck.Subject>();
        public void Dispose() => State.Dispose();
    }

    /// <summary>Domain A: 40 images (2 batches of 16 an epoch), domain B: 56 (3): their epochs turn at different steps.</summary>
    private static UnpairedBatches Domains()
    {
        using var g = new Generator(5);
        var a = new ImageDataset(rand(new long[] { 40, 1, 8, 8 }, generator: g) * 2 - 1, zeros(40, dtype: ScalarType.Int64), "A");
        var b = new ImageDataset(rand(new long[] { 56, 1, 8, 8 }, generator: g).pow(3) * 2 - 1, zeros(56, dtype: ScalarType.Int64), "B");
        return new UnpairedBatches(new BatchSampler(a, 16, seed: 1, CPU, name: "domain-a"), new BatchSampler(b, 16, seed: 1, CPU, name: "domain-b"));
    }

    private static float[] Weights(IRecipe r) =>
        r.State.Modules.SelectMany(m => m.Module.state_dict().OrderBy(kv => kv.Key)).SelectMany(kv => kv.Value.data<float>().ToArray()).ToArray();

    private static TrainingState Fresh(TempFolder tmp, string name, IRecipe recipe, RunLog log) =>
        new() { Directory = new RunDirectory(tmp.File(name)).Create(), Recipe = recipe, Log = log, TotalSteps = 4 };

    [Fact]
    public void TwoGeneratorsTwoDiscriminators_OnUnpairedStreams_ResumeBitIdentically()
    {
        using var tmp = TestSetup.Temp();
        using var log = new RunLog(null, _ => { });
        float[] straight;
        using (var recipe = new TinyCycle())
        using (var data = Domains())
        {
            Assert.Equal(TrainingOutcome.Completed, new Trainer(2, Array.Empty<ITrainingCallback>()).Run(Fresh(tmp, "straight", recipe, log), data));
            straight = Weights(recipe);
            Assert.Equal(new[] { new StreamPosition("domain-a", 1, 2), new StreamPosition("domain-b", 1, 1) }, data.Positions);
        }
        using (var recipe = new TinyCycle())
        using (var data = Domains())
            Assert.Throws<InvalidOperationException>(() => new Trainer(2, new[] { new KillAt(3) }).Run(Fresh(tmp, "killed", recipe, log), data));

        using (var recipe = new TinyCycle())
        using (var data = Domains())
        {
            var state = Fresh(tmp, "killed", recipe, log);
            var position = Checkpoint.Load(state.Directory.LastCheckpoint, recipe);
            Assert.Equal(new[] { new StreamPosition("domain-a", 0, 2), new StreamPosition("domain-b", 0, 2) }, position.Streams);
            state.ResumeAt(position, data);
            Assert.Equal(TrainingOutcome.Completed, new Trainer(2, Array.Empty<ITrainingCallback>()).Run(state, data));
            Assert.Equal(straight, Weights(recipe));
            Assert.Equal(0.5 * 2e-3, recipe.State.OptimizerNamed("generators").Optimizer.ParamGroups.First().LearningRate, 12);   // step 3 of a decay from 2 to 4
        }
        using (var recipe = new TinyCycle()) Assert.NotEqual(straight, Weights(recipe));   // training moved the weights, so equality means something
    }

    [Fact]
    public void SampleGrids_DrawTheRecipesOwnPanel()
    {
        using var tmp = TestSetup.Temp();
        using var log = new RunLog(null, _ => { });
        using var recipe = new TinyCycle();
        using var data = Domains();
        var state = Fresh(tmp, "p", recipe, log);
        state.TotalSteps = 2;
        new Trainer(10, new[] { new Every(2, new GanSharp.Training.Callbacks.SampleGrids(state.Directory, seed: 4)) }).Run(state, data);
        using var png = SkiaSharp.SKBitmap.Decode(state.Directory.SampleGrid(2));
        Assert.Equal((2 * 10 + 2, 4 * 10 + 2), (png.Width, png.Height));          // 4 rows of input | output, 8-pixel tiles with 2-pixel gaps
    }

    [Fact]
    public void Probes_OfTheFamilies_AreANoiseGrid_AClassGrid_AndPoints()
    {
        Seeding.SeedGlobal(0);
        using var dcgan = new Gan(GanSharp.Tests.Training.TinyRuns.Dcgan(), 0, CPU);
        using (var probe = ((IRecipe)dcgan).Probe(1))
        {
            var panel = Assert.IsType<ImagePanel>(probe.Draw());
            Assert.Equal(new long[] { 64, 1, 28, 28 }, panel.Images.shape);
            Assert.Equal(8, panel.Columns);
        }
        using var cgan = new ConditionalGan(Families.DefaultsOf<GanSharp.Recipes.ConditionalOptions>("cgan") with { Width = 8, LatentSize = 4 }, 0, CPU);
        using (var probe = ((IRecipe)cgan).Probe(1))
            Assert.Equal(new long[] { 80, 1, 28, 28 }, Assert.IsType<ImagePanel>(probe.Draw()).Images.shape);   // 10 classes × 8 columns
        using var toy = new Gan(Families.DefaultsOf<GanSharp.Recipes.ToyOptions>("toy") with { Width = 8 }, 0, CPU);
        using (var probe = ((IRecipe)toy).Probe(1))
            Assert.Equal(new long[] { 1000, 2 }, Assert.IsType<PointPanel>(probe.Draw()).Generated.shape);
        Assert.True(((IRecipe)toy).Critic!.IsBinaryClassifier);
        using var wgan = new Gan(Families.DefaultsOf<GanSharp.Recipes.GanOptions>("wgan") with { Width = 8 }, 0, CPU);
        Assert.False(((IRecipe)wgan).Critic!.IsBinaryClassifier);                   // critic scores are no probabilities
        Assert.Equal(("wgan, wasserstein loss, k = 5", false), (((IRecipe)wgan).Progress.Title, ((IRecipe)wgan).Progress.OutputsAreProbabilities));
    }

    [Fact]
    public void OneOptimiser_OverTwoNetworks_StepsBoth_AndItsGradNormCoversBoth()
    {
        using var state = new RecipeState(0, CPU);
        var a = state.Network("a", nn.Linear(2, 1, hasBias: false));
        var b = state.Network("b", nn.Linear(2, 1, hasBias: false));
        var opt = state.Optimizer("both", p => optim.SGD(p, 0.5), a, b);
        using (no_grad()) { a.weight!.copy_(tensor(new float[] { 1, 2 }).view(1, 2)); b.weight!.copy_(tensor(new float[] { 3, -1 }).view(1, 2)); }
        var x = tensor(new float[] { 1, 1 }).view(1, 2);
        var log = new StepLog();
        // loss = a(x) + 2 b(x): ∇_a = (1, 1), ∇_b = (2, 2); ‖∇‖ = √(1 + 1 + 4 + 4) = √10.
        Update.Step(opt, a.forward(x).sum() + 2 * b.forward(x).sum(), log, "loss", a.forward(x).sum(), "grad", detailed: true);
        Assert.Equal(3.0, log["loss"], 6);
        Assert.Equal(Math.Sqrt(10), log["grad"], 5);
        Assert.Equal(new float[] { 0.5f, 1.5f }, a.weight!.data<float>().ToArray());
        Assert.Equal(new float[] { 2f, -2f }, b.weight!.data<float>().ToArray());
    }

    [Fact]
    public void RecipeState_RefusesDuplicateNames_AndOptimisersOverUnknownModules()
    {
        using var state = new RecipeState(0, CPU);
        state.Network("g", nn.Linear(1, 1));
        Assert.Contains("already has a module named 'g'", Assert.Throws<ArgumentException>(() => state.Network("g", nn.Linear(1, 1))).Message);
        Assert.Contains("added with Network()", Assert.Throws<ArgumentException>(() => state.Optimizer("o", p => optim.SGD(p, 0.1), nn.Linear(1, 1))).Message);
        state.Stream("noise");
        Assert.Throws<ArgumentException>(() => state.Stream("noise"));
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(100, 1.0)]
    [InlineData(150, 0.5)]
    [InlineData(200, 0.0)]
    [InlineData(250, 0.0)]
    public void ConstantThenLinear_IsOneUntilN_ThenFallsToZeroAtT(long step, double expected) =>
        Assert.Equal(expected, Schedules.ConstantThenLinear(100, 200)(step), 12);

    [Fact]
    public void LinearToZero_IsOneMinusTOverT() =>
        Assert.Equal(new[] { 1.0, 0.75, 0.5, 0.25, 0.0 }, Enumerable.Range(0, 5).Select(t => Schedules.LinearToZero(4)(t)));

    private sealed class KillAt(long step) : ITrainingCallback
    {
        public void OnStep(TrainingState state, StepLog log)
        {
            if (state.Step == step) throw new InvalidOperationException("simulated kill");
        }
    }
}
