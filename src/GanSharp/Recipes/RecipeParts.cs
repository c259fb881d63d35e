using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>Pieces every recipe builds the same way: optimisers from options, gradient norms.</summary>
internal static class RecipeParts
{
    /// <summary>The optimiser the options name (adam or rmsprop) for a module's parameters.</summary>
    public static OptimizerHelper Optimizer(GanOptions o, nn.Module module, double lr) => o.Optimizer switch
    {
        "rmsprop" => optim.RMSProp(module.parameters(), lr),
        _ => optim.Adam(module.parameters(), lr, o.Beta1, o.Beta2),
    };

    /// <summary>
    /// The moving average of G that the options ask for (null when --ema-decay is off): a second
    /// generator built like the first, checkpointed as generator_ema.
    /// </summary>
    public static Ema? AddEma(GanOptions o, nn.Module g, Func<nn.Module<Tensor, Tensor>> build, Device device, List<RecipePart> parts)
    {
        if (o.EmaDecay is not double decay) return null;
        var average = build();
        average.to(device);
        parts.Add(new RecipePart("generator_ema", average, null));
        return new Ema(g, average, decay);
    }

    /// <summary>
    /// Images of z from a generator in eval mode, without gradients: the EMA copy when there is
    /// one, its batch statistics measured on the recipe's noise first.
    /// </summary>
    public static Tensor Sample(nn.Module<Tensor, Tensor> g, Ema? ema, Tensor z, Func<long, Generator, Tensor> noise)
    {
        ema?.RefreshBatchStatistics(noise);
        var sampler = ema?.Average ?? g;
        sampler.eval();
        using var _ = no_grad();
        return sampler.forward(z);
    }

    /// <summary>‖∇θ‖₂ over all parameters of a module (norms, not squares: no gradient-sized temporaries).</summary>
    public static double GradNorm(nn.Module module)
    {
        var norms = module.parameters().Where(p => p.grad is not null).Select(p => p.grad!.norm()).ToArray();
        using var all = stack(norms);
        foreach (var n in norms) n.Dispose();
        return all.norm().item<float>();
    }
}
