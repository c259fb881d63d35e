using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Recipes.Kit;

/// <summary>
/// One optimiser step, in the one order every recipe needs: zero the gradients, backward the
/// total loss, log the reported part (and, on detailed steps, the gradient norm of the modules
/// the optimiser updates), step. With k discriminator steps, the last one's numbers are logged.
/// </summary>
public static class Update
{
    public static void Step(NamedOptimizer optimizer, Tensor total, StepLog log, string lossKey, Tensor reported, string gradKey, bool detailed)
    {
        optimizer.Optimizer.zero_grad();
        total.backward();
        log[lossKey] = reported.item<float>();
        if (detailed) log[gradKey] = GradNorm(optimizer.Modules);
        optimizer.Optimizer.step();
    }

    /// <summary>‖∇θ‖₂ over all parameters of the modules (norms, not squares: no gradient-sized temporaries).</summary>
    public static double GradNorm(IEnumerable<nn.Module> modules)
    {
        var norms = modules.SelectMany(m => m.parameters()).Where(p => p.grad is not null).Select(p => p.grad!.norm()).ToArray();
        if (norms.Length == 0) return 0;
        using var all = stack(norms);
        foreach (var n in norms) n.Dispose();
        return all.norm().item<float>();
    }
}
