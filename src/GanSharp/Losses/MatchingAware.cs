using static TorchSharp.torch;

namespace GanSharp.Losses;

/// <summary>
/// The matching-aware discriminator of GAN-INT-CLS (Reed et al. 2016), which StackGAN trains: D
/// sees (image, text) pairs, and (real image, right text) is real while (real image, wrong text)
/// and (fake image, right text) are fake, so D must judge whether an image fits its text as well as
/// whether it looks real. D's loss is real + ½(wrong + fake). For any objective whose D loss is a
/// real term plus a fake term this is ½ D(real, wrong) + ½ D(real, fake), which is how it is computed.
/// </summary>
public static class MatchingAware
{
    public static Tensor D(Objective objective, Tensor real, Tensor wrong, Tensor fake) =>
        0.5 * (objective.D(real, wrong) + objective.D(real, fake));
}
