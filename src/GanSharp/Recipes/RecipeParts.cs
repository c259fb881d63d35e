using GanSharp.Recipes.Kit;
using GanSharp.Recipes.Options;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>Pieces every adversarial recipe builds the same way from its options: optimisers, the EMA of G, sampling.</summary>
internal static class RecipeParts
{
    /// <summary>The adversarial loss a classifier-D family's options name, with its real label (one-sided smoothing).</summary>
    public static Losses.Objective Objective(ClassifierGanOptions o) => Losses.Objective.Named(o.Loss).WithRealTarget(o.RealLabel);

    /// <summary>How a classifier-D family's loss plot reads: family, loss and k in the title; D outputs as probabilities for BCE losses.</summary>
    public static ProgressDescription Progress(ClassifierGanOptions o, Losses.Objective objective) =>
        new($"{o.Family}, {o.Loss} loss, k = {o.DSteps}", objective.Probabilistic);

    /// <summary>The optimiser the options name (adam or rmsprop) at a learning rate, as a factory for <see cref="RecipeState.Optimizer"/>.</summary>
    public static Func<IEnumerable<Parameter>, OptimizerHelper> Optimizer(FamilyOptions o, double lr) => parameters => o.Optimizer switch
    {
        "rmsprop" => optim.RMSProp(parameters, lr),
        _ => optim.Adam(parameters, lr, o.Beta1, o.Beta2),
    };

    /// <summary>
    /// Refuses data a label-conditioned recipe cannot train on: no labels at all (<paramref name="needing"/>
    /// names the option that asks for them, <paramref name="remedy"/> what to do), or labels beyond --classes.
    /// </summary>
    public static void CheckLabels(Data.DataShape shape, string source, int classes, string needing, string remedy = "")
    {
        if (shape.Classes == 0)
            throw new GanSharpException($"{needing} trains on labelled images; {source} has no class labels{remedy}");
        if (shape.Classes > classes)
            throw new GanSharpException($"the labels of {source} go up to {shape.Classes - 1}, but --classes is {classes}");
    }

    /// <summary>
    /// What D's inputs go through (--diff-augment): the differentiable augmentation with its own
    /// random stream "augment" in the state (only when on, so older checkpoints keep their streams); the identity when none.
    /// </summary>
    public static Func<Tensor, Tensor> Augmentation(ClassifierGanOptions o, RecipeState state)
    {
        var kinds = Layers.DiffAugment.Parse(o.DiffAugment);
        if (kinds.Count == 0) return x => x;
        var stream = state.Stream("augment");
        return x => Layers.DiffAugment.Apply(x, kinds, stream);
    }

    /// <summary>
    /// The moving average of G that the options ask for (null when --ema-decay is off): a second
    /// generator built like the first, checkpointed as generator_ema.
    /// </summary>
    public static Ema? AddEma(FamilyOptions o, nn.Module g, Func<nn.Module<Tensor, Tensor>> build, RecipeState state)
    {
        if (o.EmaDecay is not double decay) return null;
        return new Ema(g, state.State("generator_ema", build()), decay, o.EmaStart, o.EmaRampup);
    }

    /// <summary>
    /// Images of z from a generator in eval mode, without gradients: the EMA copy when there is
    /// one, its batch statistics measured on the recipe's noise first.
    /// </summary>
    public static Tensor Sample(nn.Module<Tensor, Tensor> g, Ema? ema, Tensor z, Func<long, Generator, Tensor> noise)
    {
        ema?.RefreshBatchStatistics(noise);
        return InEval(ema?.Average ?? g, sampler => sampler.forward(z));
    }

    /// <summary>What a network computes for pictures and metrics: in eval mode, without gradients.</summary>
    public static Tensor InEval<TModule>(TModule network, Func<TModule, Tensor> compute) where TModule : nn.Module
    {
        network.eval();
        using var _ = no_grad();
        return compute(network);
    }
}
