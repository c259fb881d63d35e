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

    /// <summary>‖∇θ‖₂ over all parameters of a module (norms, not squares: no gradient-sized temporaries).</summary>
    public static double GradNorm(nn.Module module)
    {
        var norms = module.parameters().Where(p => p.grad is not null).Select(p => p.grad!.norm()).ToArray();
        using var all = stack(norms);
        foreach (var n in norms) n.Dispose();
        return all.norm().item<float>();
    }
}
