using static TorchSharp.torch;

namespace GanSharp.Losses;

/// <summary>
/// Feature matching (Salimans et al. 2016; book ch. 1, seed 004): G minimises
/// ‖E_x f(x) − E_z f(G(z))‖²₂, f the activations of an intermediate layer of D, instead of
/// fooling D's output; G is asked to match the statistics of real data.
/// </summary>
public static class FeatureMatching
{
    /// <summary>Features (N, …) of real and generated batches → the squared distance of their means.</summary>
    public static Tensor Loss(Tensor realFeatures, Tensor fakeFeatures) =>
        (fakeFeatures.flatten(1).mean(new long[] { 0 }) - realFeatures.flatten(1).mean(new long[] { 0 })).square().sum();
}
