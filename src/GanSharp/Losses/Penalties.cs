using static TorchSharp.torch;

namespace GanSharp.Losses;

/// <summary>
/// Regularisers of the discriminator, each a function the recipe calls explicitly in its D step.
/// All return a scalar to add to D's loss (already multiplied by its weight), except
/// <see cref="ClipWeights"/>, which acts on the parameters after the optimiser step.
/// </summary>
public static class Penalties
{
    /// <summary>
    /// WGAN-GP (Gulrajani et al. 2017): λ E[(‖∇x̂ D(x̂)‖₂ − 1)²] on x̂ = εx + (1 − ε)x̃, one
    /// ε ~ U[0, 1] per sample: a soft 1-Lipschitz constraint along lines between real and fake.
    /// </summary>
    public static Tensor GradientPenalty(Func<Tensor, Tensor> d, Tensor real, Tensor fake, Generator generator, double lambda = 10)
    {
        var eps = rand(new long[] { real.shape[0] }.Concat(Enumerable.Repeat(1L, (int)real.dim() - 1)).ToArray(),
            generator: generator).to(real.device);                                   // (N, 1, 1, 1)
        var xHat = (eps * real.detach() + (1 - eps) * fake.detach()).requires_grad_(true);
        return lambda * (GradientNorms(d, xHat) - 1).square().mean();
    }

    /// <summary>R1 (Mescheder et al. 2018): γ/2 · E_real ‖∇x D(x)‖², zero-centred, on real data.</summary>
    public static Tensor R1(Func<Tensor, Tensor> d, Tensor real, double gamma = 10) =>
        gamma / 2 * GradientNorms(d, real.detach().requires_grad_(true)).square().mean();

    /// <summary>R2 (Mescheder et al. 2018): the same on generated samples.</summary>
    public static Tensor R2(Func<Tensor, Tensor> d, Tensor fake, double gamma = 10) =>
        gamma / 2 * GradientNorms(d, fake.detach().requires_grad_(true)).square().mean();

    /// <summary>
    /// DRAGAN (Kodali et al. 2017): λ E[(‖∇D(x̂)‖ − 1)²] around the real data, on
    /// x̂ = x + α·δ with δ = c·std(x)·u, u ~ U[0, 1] per pixel and α ~ U[0, 1] per sample.
    /// </summary>
    public static Tensor Dragan(Func<Tensor, Tensor> d, Tensor real, Generator generator, double lambda = 10, double c = 0.5)
    {
        var x = real.detach();
        var delta = c * x.std() * rand(x.shape, generator: generator).to(x.device);
        var alpha = rand(new long[] { x.shape[0] }.Concat(Enumerable.Repeat(1L, (int)x.dim() - 1)).ToArray(), generator: generator).to(x.device);
        var xHat = (x + alpha * delta).requires_grad_(true);
        return lambda * (GradientNorms(d, xHat) - 1).square().mean();
    }

    /// <summary>WGAN (Arjovsky et al. 2017): clamp every parameter of the critic to [−c, c] after each step.</summary>
    public static void ClipWeights(nn.Module critic, double c = 0.01)
    {
        using var _ = no_grad();
        foreach (var p in critic.parameters()) p.clamp_(-c, c);
    }

    /// <summary>‖∇x D(x)‖₂ per sample, (N); the graph is kept so the penalty trains D (double backpropagation).</summary>
    public static Tensor GradientNorms(Func<Tensor, Tensor> d, Tensor x)
    {
        var output = d(x);
        var grad = autograd.grad(new[] { output.sum() }, new[] { x }, create_graph: true, retain_graph: true)[0];
        return grad.reshape(grad.shape[0], -1).norm(1, keepdim: false, p: 2);
    }
}
