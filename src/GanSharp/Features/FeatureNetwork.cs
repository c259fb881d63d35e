using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Features;

/// <summary>What a feature network reads, (N, Channels, Side, Side) images in [−1, 1], and how many classes it tells apart.</summary>
public sealed record FeatureInput(int Channels, int Side, int Classes)
{
    /// <summary>Fashion-MNIST: grey 28×28, 10 classes (the embedded network).</summary>
    public static FeatureInput FashionMnist { get; } = new(1, 28, 10);

    public override string ToString() => $"{(Channels == 1 ? "grey" : "RGB")} {Side}×{Side}, {Classes} classes";
}

/// <summary>
/// The feature network of GanSharp's metrics: a small CNN classifier trained by `gan features
/// train` (there is no pretrained Inception network here) — on Fashion-MNIST's training split for
/// the embedded one, on an image folder's labels or on predicting rotations for a folder of its
/// own. Its 128-d penultimate activations are the features of FID, KID, precision/recall and
/// nearest neighbours; its class probabilities feed the Inception and Mode Scores.
/// Two 3×3 conv pairs with max pooling (28 → 7, 32 → 8); each doubling of the side above 32 adds
/// one conv-and-pool block, so the last map is at most 8×8 before the 128-unit layer.
/// </summary>
public sealed class FeatureNetwork : Module<Tensor, Tensor>, IFeatureExtractor
{
    public const int Size = 128;

    private readonly Sequential body, classifier;

    /// <summary>The Fashion-MNIST network (grey 28×28, 10 classes).</summary>
    public FeatureNetwork() : this(FeatureInput.FashionMnist) { }

    public FeatureNetwork(FeatureInput input) : base(nameof(FeatureNetwork))
    {
        if (input.Channels is not (1 or 3) || input.Side < 16 || input.Classes < 2)
            throw new GanSharpException($"a feature network reads 1 or 3 channels of at least 16×16 and tells at least 2 classes apart, not {input}");
        Input = input;
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("conv1", Conv2d(input.Channels, 32, 3, padding: 1)), ("bn1", BatchNorm2d(32)), ("relu1", ReLU()),
            ("conv2", Conv2d(32, 32, 3, padding: 1)), ("bn2", BatchNorm2d(32)), ("relu2", ReLU()),
            ("pool1", MaxPool2d(2)),
            ("conv3", Conv2d(32, 64, 3, padding: 1)), ("bn3", BatchNorm2d(64)), ("relu3", ReLU()),
            ("conv4", Conv2d(64, 64, 3, padding: 1)), ("bn4", BatchNorm2d(64)), ("relu4", ReLU()),
            ("pool2", MaxPool2d(2)),
        };
        int side = input.Side / 4;
        for (int block = 3; side > 8; block++, side /= 2)
            layers.AddRange(new (string, Module<Tensor, Tensor>)[]
            {
                ($"block{block}_conv", Conv2d(64, 64, 3, padding: 1)), ($"block{block}_bn", BatchNorm2d(64)), ($"block{block}_relu", ReLU()),
                ($"block{block}_pool", MaxPool2d(2)),
            });
        layers.AddRange(new (string, Module<Tensor, Tensor>)[]
        {
            ("flatten", Flatten()), ("fc", Linear(64 * side * side, Size)), ("bn5", BatchNorm1d(Size)), ("relu5", ReLU()),
        });
        body = Sequential(layers);
        classifier = Sequential(("dropout", Dropout(0.3)), ("logits", Linear(Size, input.Classes)));
        RegisterComponents();
    }

    /// <summary>The images it reads and the classes it predicts.</summary>
    public FeatureInput Input { get; }

    public int FeatureSize => Size;

    public int Classes => Input.Classes;

    /// <summary>images (N, C, S, S) → class logits (N, classes).</summary>
    public override Tensor forward(Tensor x) => classifier.forward(body.forward(x));

    /// <summary>images (N, C, S, S) → features (N, 128), differentiable (for losses in feature space, like inversion's).</summary>
    public Tensor Features(Tensor x) => body.forward(x);

    /// <summary>
    /// The activation maps before the last pooling, (N, 64, S/2ᵏ, S/2ᵏ) with the map at 2 to 4 times
    /// the 8×8 side pooled into the features: the deepest maps that still say where things are,
    /// what SRGAN's content loss compares (its VGG54 is VGG19's last map before the last pooling).
    /// Differentiable with respect to the images.
    /// </summary>
    public Tensor Maps(Tensor x)
    {
        var layers = body.named_children().ToList();
        int lastPool = layers.FindLastIndex(l => l.name.EndsWith("pool") || l.name.StartsWith("pool"));
        foreach (var (_, layer) in layers.Take(lastPool)) x = ((nn.Module<Tensor, Tensor>)layer).forward(x);
        return x;
    }

    /// <summary>images → (features (N, 128), class probabilities (N, classes)), in eval mode without gradients, in batches.</summary>
    public (Tensor Features, Tensor Probabilities) Extract(Tensor images, int batchSize = 500)
    {
        if (images.dim() != 4 || images.shape[1] != Input.Channels || images.shape[2] != Input.Side || images.shape[3] != Input.Side)
            throw new GanSharpException($"the feature network reads (N, {Input.Channels}, {Input.Side}, {Input.Side}) images, got ({string.Join(", ", images.shape)})");
        return BatchedExtraction.Run(this, images, batchSize, body.forward, classifier.forward);
    }
}
