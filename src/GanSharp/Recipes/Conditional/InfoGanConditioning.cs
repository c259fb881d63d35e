using GanSharp.Losses;
using GanSharp.Networks;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Recipes.Conditional;

/// <summary>
/// InfoGAN (Chen et al. 2016; seed 002): G gets a categorical code and continuous codes it
/// invents (no labels needed); a Q head on D's features recovers them, and both networks minimise
/// λ·L_I, the variational bound on the mutual information of codes and images.
/// </summary>
public sealed class InfoGanConditioning : Conditioning
{
    public override bool NeedsLabels => false;

    public override int ContinuousCodes(ConditionalOptions o) => o.InfoContinuous;

    public override ConditionalDiscriminator BuildDiscriminator(ConditionalOptions o, Func<int, Discriminator> inner) =>
        new AuxiliaryHeadDiscriminator(inner, o.Classes, o.Channels, o.Resolution,
            features => Sequential(("q_fc", Linear(features, 128)), ("q_lrelu", LeakyReLU(0.2)), ("q_out", Linear(128, o.Classes + o.InfoContinuous))));

    public override Tensor DiscriminatorTerm(ConditionalOptions o, Judged real, Judged fake, StepLog log)
    {
        var lossInfo = AuxiliaryLosses.MutualInformation(fake.Auxiliary!, fake.Labels!, fake.Continuous!, o.Classes);
        log["loss/info"] = lossInfo.item<float>();
        return o.InfoWeight * lossInfo;
    }

    public override Tensor GeneratorTerm(ConditionalOptions o, Judged fake, StepLog log)
    {
        var lossInfo = AuxiliaryLosses.MutualInformation(fake.Auxiliary!, fake.Labels!, fake.Continuous!, o.Classes);
        log["info/category_accuracy"] = fake.Auxiliary!.narrow(1, 0, o.Classes).argmax(1).eq(fake.Labels!).to_type(ScalarType.Float32).mean().item<float>();
        return o.InfoWeight * lossInfo;
    }
}
