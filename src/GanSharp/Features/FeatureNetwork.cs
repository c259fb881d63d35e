using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Features;

/// <summary>
/// The feature network of GanSharp's metrics: a small CNN classifier of 28×28 grey images,
/// trained on the Fashion-MNIST training split by `gan features train` (there is no pretrained
/// Inception network here). Its 128-d penultimate activations are the features of FID, KID,
/// precision/recall and nearest neighbours; its class probabilities feed the Inception and Mode Scores.
/// Input: images in [-1, 1], as the data and the generators use.
/// </summary>
public sealed class FeatureNetwork : Module<Tensor, Tensor>, IFeatureExtractor
{
    public const int Size = 128;
    public const int Classes = 10;

    private readonly Sequential body, classifier;

    public FeatureNetwork() : base(nameof(FeatureNetwork))
    {
        body = Sequential(
            ("conv1", Conv2d(1, 32, 3, padding: 1)), ("bn1", BatchNorm2d(32)), ("relu1", ReLU()),
            ("conv2", Conv2d(32, 32, 3, padding: 1)), ("bn2", BatchNorm2d(32)), ("relu2", ReLU()),
            ("pool1", MaxPool2d(2)),                                                        // 14×14
            ("conv3", Conv2d(32, 64, 3, padding: 1)), ("bn3", BatchNorm2d(64)), ("relu3", ReLU()),
            ("conv4", Conv2d(64, 64, 3, padding: 1)), ("bn4", BatchNorm2d(64)), ("relu4", ReLU()),
            ("pool2", MaxPool2d(2)),                                                        // 7×7
            ("flatten", Flatten()),
            ("fc", Linear(64 * 7 * 7, Size)), ("bn5", BatchNorm1d(Size)), ("relu5", ReLU()));
        classifier = Sequential(("dropout", Dropout(0.3)), ("logits", Linear(Size, Classes)));
        RegisterComponents();
    }

    public int FeatureSize => Size;

    /// <summary>images (N, 1, 28, 28) → class logits (N, 10).</summary>
    public override Tensor forward(Tensor x) => classifier.forward(body.forward(x));

    /// <summary>images (N, 1, 28, 28) → features (N, 128), differentiable (for losses in feature space, like inversion's).</summary>
    public Tensor Features(Tensor x) => body.forward(x);

    /// <summary>images → (features (N, 128), class probabilities (N, 10)), in eval mode without gradients, in batches.</summary>
    public (Tensor Features, Tensor Probabilities) Extract(Tensor images, int batchSize = 500)
    {
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[2] != 28 || images.shape[3] != 28)
            throw new GanSharpException($"the feature network reads (N, 1, 28, 28) images, got ({string.Join(", ", images.shape)})");
        eval();
        using var _ = no_grad();
        var features = new List<Tensor>();
        var probabilities = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var f = body.forward(images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start)));
            features.Add(f.to_type(ScalarType.Float64).MoveToOuterDisposeScope());
            probabilities.Add(classifier.forward(f).to_type(ScalarType.Float64).softmax(1).MoveToOuterDisposeScope());
        }
        return (cat(features, 0), cat(probabilities, 0));
    }
}
