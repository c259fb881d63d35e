using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanSharp.Features;

/// <summary>
/// The feature network of voxel runs: a small 3-D CNN trained by `gan features train --data shapes`
/// (or furniture) to tell the shape classes apart. Its 128-d penultimate activations are the
/// features of FID, KID, precision/recall and nearest neighbours of shapes; its class probabilities
/// give the class histogram of samples. Stride-2 4³ convolutions with batch norm and ReLU halve the
/// side down to 4³ (32³: three of them, 16 → 32 → 64 channels), then a 128-unit layer, as the 3-D
/// classifiers of Wu et al. (2016, section 4.2) use 3D-GAN's own D features.
/// Grids (N, 1, S, S, S) of occupancies in [0, 1].
/// </summary>
public sealed class VoxelClassifier : Module<Tensor, Tensor>, IFeatureExtractor
{
    public const int Size = 128;

    private readonly Sequential body, classifier;

    public VoxelClassifier(int side, int classes) : base(nameof(VoxelClassifier))
    {
        if (side < 8 || (side & (side - 1)) != 0) throw new GanSharpException($"a voxel classifier reads grids whose side is a power of two ≥ 8, not {side}");
        if (classes < 2) throw new GanSharpException($"a voxel classifier tells at least 2 classes apart, not {classes}");
        (Side, Classes) = (side, classes);
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        int channels = 1, width = 16, s = side, block = 1;
        for (; s > 4; s /= 2, block++)
        {
            layers.Add(($"conv{block}", Conv3d(channels, width, 4, stride: 2, padding: 1, bias: false)));
            layers.Add(($"bn{block}", BatchNorm3d(width)));
            layers.Add(($"relu{block}", ReLU()));
            (channels, width) = (width, Math.Min(2 * width, 64));
        }
        layers.Add(("flatten", Flatten()));
        layers.Add(("fc", Linear(channels * 4 * 4 * 4, Size)));
        layers.Add(("bn_fc", BatchNorm1d(Size)));
        layers.Add(("relu_fc", ReLU()));
        body = Sequential(layers);
        classifier = Sequential(("dropout", Dropout(0.3)), ("logits", Linear(Size, classes)));
        RegisterComponents();
    }

    public int Side { get; }

    public int Classes { get; }

    public int FeatureSize => Size;

    /// <summary>Occupancies in [0, 1] centred on 0, as the networks' inputs usually are.</summary>
    private static Tensor Centred(Tensor grids) => grids * 2 - 1;

    /// <summary>grids → class logits (N, classes).</summary>
    public override Tensor forward(Tensor grids) => classifier.forward(body.forward(Centred(grids)));

    public Tensor Features(Tensor grids) => body.forward(Centred(grids));

    public (Tensor Features, Tensor Probabilities) Extract(Tensor grids, int batchSize = 500)
    {
        if (grids.dim() != 5 || grids.shape[1] != 1 || grids.shape[2] != Side || grids.shape[3] != Side || grids.shape[4] != Side)
            throw new GanSharpException($"the voxel classifier reads (N, 1, {Side}, {Side}, {Side}) grids, got ({string.Join(", ", grids.shape)})");
        return BatchedExtraction.Run(this, grids, batchSize, x => body.forward(Centred(x)), classifier.forward);
    }
}
