using GanSharp.Losses;
using GanSharp.Networks;
using static TorchSharp.torch;

namespace GanSharp.Recipes;

/// <summary>
/// The unrolled GAN (Metz et al. 2017; seed 003): G's loss is computed against D advanced k
/// steps ahead, D_θk, where θ_{i+1} = Adam(θ_i, ∇θ L_D(θ_i)) is written out differentiably
/// (create_graph), so G's gradient includes how D would react to it — which discourages mode
/// collapse. The real D is not changed by the unrolling. The Adam moments start from the real
/// optimiser's state. The unrolled steps reuse the step's last real batch and one fake batch.
/// k = 0 is the plain generator loss.
/// </summary>
internal static class Unrolling
{
    public static Tensor GeneratorLoss(Discriminator d, TorchSharp.Modules.Adam optimizer, GanOptions o,
        Objective objective, Tensor real, Tensor fake, int k)
    {
        var functional = d as IFunctionalDiscriminator ?? throw new GanSharpException($"{d.GetType().Name} cannot be unrolled; use the mlp or toy-mlp networks");
        var parameters = d.parameters().ToList();
        var theta = parameters.Select(p => (Tensor)p).ToList();
        var states = optimizer.state_dict().State.OfType<TorchSharp.Modules.Adam.State>().ToList();
        var m = states.Select(s => s.exp_avg.detach()).ToList();
        var v = states.Select(s => s.exp_avg_sq.detach()).ToList();
        long step = states.Count > 0 ? states[0].step : 0;
        for (int i = 1; i <= k; i++)
        {
            var lossD = objective.D(functional.ForwardWith(theta, real), functional.ForwardWith(theta, fake));
            var grads = autograd.grad(new[] { lossD }, theta, create_graph: true, retain_graph: true);
            long t = step + i;
            double c1 = 1 - Math.Pow(o.Beta1, t), c2 = 1 - Math.Pow(o.Beta2, t);
            for (int j = 0; j < theta.Count; j++)
            {
                m[j] = o.Beta1 * m[j] + (1 - o.Beta1) * grads[j];
                v[j] = o.Beta2 * v[j] + (1 - o.Beta2) * grads[j].square();
                // √(v̂ + 1e-16) instead of √v̂: same value, but a finite derivative where v̂ = 0.
                theta[j] = theta[j] - o.LrD * (m[j] / c1) / ((v[j] / c2 + 1e-16).sqrt() + 1e-8);
            }
        }
        return objective.G(functional.ForwardWith(theta, fake));
    }
}
