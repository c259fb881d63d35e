using GanSharp.Data.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Features;

/// <summary>
/// Descriptions to unit vectors: a learned word embedding averaged over the description's known
/// words (padding 0 left out), then one linear layer. A bag of words, because the descriptions
/// here are short names ("grinning cat face with smiling eyes") whose word order says little.
/// </summary>
public sealed class TextEncoder : Module<Tensor, Tensor>
{
    private readonly Embedding words;
    private readonly Linear project;

    public TextEncoder(int vocabularySize, int wordSize, int size) : base(nameof(TextEncoder))
    {
        words = Embedding(vocabularySize, wordSize, padding_idx: 0);
        project = Linear(wordSize, size);
        RegisterComponents();
    }

    /// <summary>Token ids (N, T) int64 → (N, size), each of unit length.</summary>
    public override Tensor forward(Tensor ids)
    {
        using var scope = NewDisposeScope();
        var known = ids.ne(0).unsqueeze(2).to_type(ScalarType.Float32);                        // (N, T, 1)
        var mean = (words.forward(ids) * known).sum(1) / known.sum(1).clamp_min(1);            // an empty description embeds as 0 before the projection
        return functional.normalize(project.forward(mean), dim: 1).MoveToOuterDisposeScope();
    }
}

/// <summary>Images to unit vectors: four stride-2 convolutions, global average pooling, one linear layer.</summary>
public sealed class ImageEncoder : Module<Tensor, Tensor>
{
    private readonly Sequential body;

    public ImageEncoder(int channels, int size) : base(nameof(ImageEncoder))
    {
        body = Sequential(
            ("conv1", Conv2d(channels, 32, 3, stride: 2, padding: 1)), ("relu1", LeakyReLU(0.2)),
            ("conv2", Conv2d(32, 64, 3, stride: 2, padding: 1)), ("bn2", BatchNorm2d(64)), ("relu2", LeakyReLU(0.2)),
            ("conv3", Conv2d(64, 128, 3, stride: 2, padding: 1)), ("bn3", BatchNorm2d(128)), ("relu3", LeakyReLU(0.2)),
            ("conv4", Conv2d(128, 128, 3, stride: 2, padding: 1)), ("bn4", BatchNorm2d(128)), ("relu4", LeakyReLU(0.2)),
            ("pool", AdaptiveAvgPool2d(1)), ("flatten", Flatten()), ("fc", Linear(128, size)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor images) => functional.normalize(body.forward(images), dim: 1);
}

/// <summary>
/// A text–image matcher trained on an image folder's captions (<see cref="TextMatcherTraining"/>):
/// its text encoder gives StackGAN the embedding it conditions on (as StackGAN used Reed et al.'s
/// encoder, pretrained on image–text pairs and frozen), and the two encoders together score whether
/// a generated image fits its description (the matching score of <see cref="TextMatcherTraining"/>).
/// </summary>
public sealed class TextMatcher : Module<Tensor, Tensor, Tensor>
{
    /// <summary>Sizes of the word embedding and of the joint space.</summary>
    public const int WordSize = 64, Size = 128;

    /// <summary>Logits are cosine similarities over this temperature (CLIP's initial 0.07).</summary>
    public const double Temperature = 0.07;

    public TextEncoder Text { get; }
    public ImageEncoder Image { get; }
    public Vocabulary Vocabulary { get; }

    public TextMatcher(Vocabulary vocabulary, int channels) : base(nameof(TextMatcher))
    {
        Vocabulary = vocabulary;
        Text = new TextEncoder(vocabulary.Size, WordSize, Size);
        Image = new ImageEncoder(channels, Size);
        register_module("text", Text);
        register_module("image", Image);
    }

    /// <summary>Similarities (N images, M descriptions): cosine of their unit vectors.</summary>
    public override Tensor forward(Tensor images, Tensor ids) => Image.forward(images).matmul(Text.forward(ids).t());

    /// <summary>
    /// The symmetric contrastive loss of CLIP (Radford et al. 2021) on a batch of pairs: each image
    /// must pick its own description among the batch's and each description its own image.
    /// </summary>
    public static Tensor Loss(Tensor similarities)
    {
        var logits = similarities / Temperature;
        var own = arange(logits.shape[0], dtype: ScalarType.Int64, device: logits.device);
        return 0.5 * (functional.cross_entropy(logits, own) + functional.cross_entropy(logits.t(), own));
    }
}
