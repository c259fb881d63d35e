using static TorchSharp.torch;

namespace GanSharp.Losses;

/// <summary>
/// The losses conditional GANs add to the adversarial one (seeds 002, 003): AC-GAN's class loss
/// and InfoGAN's mutual-information term.
/// </summary>
public static class AuxiliaryLosses
{
    /// <summary>
    /// AC-GAN (Odena et al. 2017): −E log P(C = c | x), the cross-entropy of D's class head (N, K)
    /// against the labels (N). D minimises it on real and generated images, G on generated ones.
    /// </summary>
    public static Tensor ClassLoss(Tensor classLogits, Tensor labels) =>
        nn.functional.cross_entropy(classLogits, labels);

    /// <summary>
    /// InfoGAN (Chen et al. 2016): the negative variational lower bound of I(c; G(z, c)) up to the
    /// constant H(c). Q's output (N, K + C) holds logits of the categorical code and means of
    /// the continuous codes, modelled as Gaussians of unit variance:
    /// L_I = −E log Q(c_cat | x) + ½ E Σ_j (μ_j(x) − c_j)² (constants dropped).
    /// </summary>
    public static Tensor MutualInformation(Tensor q, Tensor category, Tensor continuous, int categories)
    {
        var lossCategory = nn.functional.cross_entropy(q.narrow(1, 0, categories), category);
        if (continuous.shape[1] == 0) return lossCategory;
        var mu = q.narrow(1, categories, continuous.shape[1]);
        return lossCategory + 0.5 * (mu - continuous).square().sum(1).mean();
    }
}
