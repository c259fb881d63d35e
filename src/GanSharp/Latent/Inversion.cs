using GanSharp.Recipes;
using static TorchSharp.torch;

namespace GanSharp.Latent;

/// <summary>
/// Age-cGAN's latent vector optimisation (seed 004): starting from the encoder's guess z₀ = E(x),
/// find z* minimising ‖G(z, y) − x‖₁ (pixels) + β ‖φ(G(z, y)) − φ(x)‖² (features, which keep
/// identity), then regenerate G(z*, y′) with another condition. Gradient descent with Armijo
/// backtracking: a step is taken only if it lowers the loss enough, so the recorded loss never rises.
/// </summary>
public static class Inversion
{
    public sealed record Result(Tensor Z, IReadOnlyList<double> Losses, int RejectedSteps);

    /// <param name="makeLatent">z (1, d) → G's full input (the class code appended for conditional runs)</param>
    /// <param name="features">φ: images → features, differentiable; null for pixels only</param>
    public static Result Optimise(IRecipe recipe, Func<Tensor, Tensor> makeLatent, Tensor target, Tensor z0,
        Func<Tensor, Tensor>? features = null, double featureWeight = 0.05, int steps = 200, double initialStep = 0.5)
    {
        if (steps < 0) throw new GanSharpException($"--steps must be ≥ 0, got {steps}");
        var generator = recipe switch { Gan g => g.Generator, ConditionalGan c => c.Generator, _ => throw new GanSharpException("inversion needs a GAN recipe with a generator") };
        generator.eval();
        foreach (var p in generator.parameters()) p.requires_grad_(false);
        try
        {
            Tensor? targetFeatures = null;
            if (features is not null) using (no_grad()) targetFeatures = features(target).detach();
            Tensor Loss(Tensor z)
            {
                var image = generator.forward(makeLatent(z));
                var loss = (image - target).abs().mean();
                if (features is not null) loss = loss + featureWeight * (features(image) - targetFeatures!).square().mean();
                return loss;
            }
            var z = z0.detach().clone();
            double eta = initialStep;
            var losses = new List<double>();
            int rejected = 0;
            using (no_grad()) losses.Add(Loss(z).item<float>());
            for (int i = 0; i < steps; i++)
            {
                using var scope = NewDisposeScope();
                var zg = z.detach().requires_grad_(true);
                var loss = Loss(zg);
                var grad = autograd.grad(new[] { loss }, new[] { zg })[0].detach();
                double g2 = grad.square().sum().item<float>();
                if (g2 == 0) break;
                bool accepted = false;
                for (int tries = 0; tries < 20 && !accepted; tries++)
                {
                    var candidate = z - eta * grad;
                    double value;
                    using (no_grad()) value = Loss(candidate).item<float>();
                    if (value <= losses[^1] - 1e-4 * eta * g2)
                    {
                        z = candidate.detach().MoveToOuterDisposeScope();
                        losses.Add(value);
                        eta *= 1.5;                                       // be bolder after a success
                        accepted = true;
                    }
                    else { eta /= 2; rejected++; }
                }
                if (!accepted) break;                                     // no descent at any step size: a minimum
            }
            return new Result(z, losses, rejected);
        }
        finally
        {
            foreach (var p in generator.parameters()) p.requires_grad_(true);
        }
    }
}
