using GanSharp.Data;
using GanSharp.Recipes.Kit;
using GanSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Recipes.ImageToImage;

/// <summary>
/// What the image-to-image recipes (pix2pix, CycleGAN, SRGAN) share: options, state and device;
/// a step that sets the learning rates from the family's schedule before the family's own update;
/// translation in eval mode; discriminators frozen during G's update; and, for the convolution
/// check, random images in place of the noise these families do not draw.
/// </summary>
public abstract class TranslationRecipe<TOptions> : IRecipe, ILrSchedule where TOptions : TranslationOptions
{
    protected TranslationRecipe(TOptions options, long seed, Device device)
    {
        Options = options;
        Device = device;
        State = new RecipeState(seed, device);
    }

    public TOptions Options { get; }
    public RecipeState State { get; }
    protected Device Device { get; }
    public long StepsDone { get; set; }
    public long ImagesPerStep => Options.BatchSize;
    public long DecayHorizon { get; set; }

    /// <summary>The factor on every learning rate at the current step.</summary>
    public abstract double LrFactor { get; }

    public StepLog Step(IBatches data, bool detailed = true)
    {
        var log = new StepLog();
        double factor = LrFactor;
        State.ScaleLearningRates(factor);
        log["lr/factor"] = factor;
        TrainOn(data.Next(), log, detailed);
        StepsDone++;
        return log;
    }

    /// <summary>The family's updates on one batch of (input, target) pairs or of two domains.</summary>
    protected abstract void TrainOn(Batch batch, StepLog log, bool detailed);

    public abstract Tensor Sample(Tensor inputs);

    /// <summary>n random images in [−1, 1] of the inputs' shape: what G reads, for the convolution check.</summary>
    public Tensor Noise(long n, Generator generator) =>
        (rand(new long[] { n, Options.InputChannels, InputSide, InputSide }, generator: generator) * 2 - 1).to(Device);

    /// <summary>The side of the inputs (the run's resolution; smaller for super-resolution).</summary>
    protected virtual int InputSide => Options.Resolution;

    public abstract IReadOnlyList<ConvolutionCheck.Subject> ConvolutionSubjects(Tensor real, Tensor z);

    /// <summary>Pictures made from fixed examples of the data (input | output | target and the like).</summary>
    public abstract IProbe Probe(long seed, Func<int, Batch> examples);

    public IProbe Probe(long seed) => Probes.NoiseGrid(this, seed, count: 16, columns: 4);

    public abstract ProgressDescription Progress { get; }

    public void Dispose() => State.Dispose();

    /// <summary>G's output in eval mode (running statistics, no dropout) without gradients.</summary>
    protected Tensor Translate(nn.Module<Tensor, Tensor> g, Tensor x)
    {
        g.eval();
        using var _ = no_grad();
        return g.forward(x.to(Device));
    }

    /// <summary>The rate factor of pix2pix and CycleGAN: 1 for the first <paramref name="decayFrom"/> of the run, then linear to 0 (1 when the horizon is unknown).</summary>
    protected double ConstantThenLinear(double decayFrom) =>
        DecayHorizon > 1 ? Schedules.ConstantThenLinear((long)(decayFrom * DecayHorizon), DecayHorizon)(StepsDone) : 1;

    /// <summary>Turns gradients of a module's parameters off (during G's update: D's gradients are not needed) or back on.</summary>
    protected static void RequiresGrad(bool on, params nn.Module[] modules)
    {
        foreach (var m in modules)
            foreach (var p in m.parameters()) p.requires_grad = on;
    }

    /// <summary>D's update on BCE, weight · [BCE(D(real), 1) + BCE(D(fake), 0)], logging its loss and mean probabilities.</summary>
    protected static void BceDiscriminatorStep(NamedOptimizer optimizer, Tensor onReal, Tensor onFake, double weight, StepLog log, bool detailed)
    {
        var loss = weight * (Bce(onReal, 1) + Bce(onFake, 0));
        Update.Step(optimizer, loss, log, "loss/d", loss, "grad/d", detailed);
        log["d/real"] = onReal.sigmoid().mean().item<float>();
        log["d/fake"] = onFake.sigmoid().mean().item<float>();
    }

    protected static Tensor Bce(Tensor logits, float target) => binary_cross_entropy_with_logits(logits, full_like(logits, target));
}

/// <summary>A probe of fixed examples of the data: their inputs and targets kept out of every dispose scope until the probe is disposed.</summary>
internal abstract class ExampleProbe(Batch examples, string what) : IProbe
{
    protected Tensor Inputs { get; } = examples.X.DetachFromDisposeScope();
    protected Tensor Targets { get; } = examples.RequireY(what).DetachFromDisposeScope();

    public abstract Panel Draw();

    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}
