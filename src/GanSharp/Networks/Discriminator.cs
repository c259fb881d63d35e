using GanSharp.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Networks;

/// <summary>
/// How a discriminator is built beyond its shape: normalisation of hidden layers, spectral norm,
/// and what its last layer sees of the batch (minibatch standard deviation, minibatch discrimination).
/// </summary>
public sealed record DiscriminatorOptions(
    string Norm = "batch",
    bool SpectralNorm = false,
    bool MinibatchStdDev = false,
    int MinibatchKernels = 0,
    int MinibatchKernelDims = 8);

/// <summary>
/// A discriminator split into a body, whose output are the features f(x) that feature matching
/// compares (Salimans et al. 2016), and a head that turns features into one logit per image.
/// </summary>
public abstract class Discriminator(string name) : Module<Tensor, Tensor>(name)
{
    /// <summary>Intermediate features f(x): the input of the head.</summary>
    public abstract Tensor Features(Tensor x);

    /// <summary>Features → logits (N).</summary>
    public abstract Tensor Logits(Tensor features);

    /// <summary>images → logits (N).</summary>
    public override Tensor forward(Tensor x) => Logits(Features(x));

    /// <summary>
    /// The shape of f(x) for one image of <paramref name="channels"/> × <paramref name="resolution"/>²,
    /// from a dummy batch in eval mode without gradients: what a head built on the features must take.
    /// </summary>
    public long[] FeatureShape(int channels, int resolution)
    {
        using var _ = no_grad();
        bool wasTraining = training;
        eval();
        using var probe = Features(zeros(2, channels, resolution, resolution));
        train(wasTraining);
        return probe.shape[1..];
    }

    /// <summary>
    /// The head on features of <paramref name="channels"/> × <paramref name="size"/>² (size 0: a
    /// feature vector): optional minibatch stddev, optional minibatch discrimination, then one logit.
    /// </summary>
    protected static Sequential Head(long channels, long size, DiscriminatorOptions o, bool bias)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        if (o.MinibatchStdDev)
        {
            layers.Add(("minibatch_stddev", new MinibatchStdDev()));
            channels += 1;
        }
        long flat = size == 0 ? channels : channels * size * size;
        if (o.MinibatchKernels > 0)
        {
            if (size > 0) layers.Add(("flatten", Flatten()));
            layers.Add(("minibatch_discrimination", new MinibatchDiscrimination(flat, o.MinibatchKernels, o.MinibatchKernelDims)));
            layers.Add(("to_logit", SpectralNorm.Apply(Linear(flat + o.MinibatchKernels, 1, hasBias: bias), o.SpectralNorm)));
        }
        else
        {
            layers.Add(("to_logit", size == 0
                ? SpectralNorm.Apply(Linear(channels, 1, hasBias: bias), o.SpectralNorm)
                : SpectralNorm.Apply(Conv2d(channels, 1, size, stride: 1, padding: 0L, bias: bias), o.SpectralNorm)));
        }
        return Sequential(layers);
    }
}
