using GanSharp.Losses;
using GanSharp.Networks;
using static TorchSharp.torch;

namespace GanSharp.Recipes.Conditional;

/// <summary>
/// AC-GAN (Odena et al. 2017; seed 003): D has a class head beside its adversarial logit; D
/// minimises the class cross-entropy on real and generated images, G on generated ones (weight 1).
/// </summary>
public sealed class AcGanConditioning : Conditioning
{
    public override ConditionalDiscriminator BuildDiscriminator(ConditionalOptions o, Func<int, Discriminator> inner) =>
        new AuxiliaryHeadDiscriminator(inner, o.Classes, o.Channels, o.Resolution,
            features => Layers.SpectralNorm.Apply(nn.Linear(features, o.Classes), o.SpectralNorm));

    public override Tensor DiscriminatorTerm(ConditionalOptions o, Judged real, Judged fake, StepLog log)
    {
        var lossClass = AuxiliaryLosses.ClassLoss(real.Auxiliary!, real.Labels!) + AuxiliaryLosses.ClassLoss(fake.Auxiliary!, fake.Labels!);
        log["loss/class_d"] = lossClass.item<float>();
        log["d/class_accuracy"] = real.Auxiliary!.argmax(1).eq(real.Labels!).to_type(ScalarType.Float32).mean().item<float>();
        return lossClass;
    }

    public override Tensor GeneratorTerm(ConditionalOptions o, Judged fake, StepLog log)
    {
        var lossClass = AuxiliaryLosses.ClassLoss(fake.Auxiliary!, fake.Labels!);
        log["loss/class_g"] = lossClass.item<float>();
        return lossClass;
    }
}
