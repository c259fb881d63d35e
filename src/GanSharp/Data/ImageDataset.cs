using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// Images in [-1, 1] as (N, C, H, W) float32 on the CPU, with their labels (N) int64, and a
/// sentence saying where they came from. Scaling to [-1, 1] matches the generator's tanh (003).
/// Its <see cref="DataShape"/> counts classes as the largest label + 1.
/// </summary>
public sealed class ImageDataset : IDataSource
{
    public Tensor Images { get; }
    public Tensor Labels { get; }
    public string Source { get; }
    public long Count => Images.shape[0];
    public DataShape Shape { get; }
    string IDataSource.Description => Source;

    public ImageDataset(Tensor images, Tensor labels, string source)
    {
        if (images.dim() != 4) throw new ArgumentException($"images must be (N, C, H, W), got ({string.Join(", ", images.shape)})");
        if (labels.shape[0] != images.shape[0])
            throw new ArgumentException($"{images.shape[0]} images but {labels.shape[0]} labels");
        Images = images;
        Labels = labels;
        Source = source;
        int classes = images.shape[0] == 0 ? 0 : (int)labels.max().item<long>() + 1;
        Shape = DataShape.Image((int)images.shape[1], (int)images.shape[2], (int)images.shape[3], classes);
    }

    public Batch Read(Tensor indices) => new(Images.index_select(0, indices), Labels: Labels.index_select(0, indices));

    /// <summary>Builds a dataset from IDX image and label arrays, validating that they belong together.</summary>
    public static ImageDataset FromIdx(IdxFile.Array images, string imagesName, IdxFile.Array labels, string labelsName, string source)
    {
        if (images.Dimensions.Length != 3)
            throw new IdxFormatException(imagesName, $"an image file must have 3 dimensions (count, rows, columns), has {images.Dimensions.Length}");
        if (labels.Dimensions.Length != 1)
            throw new IdxFormatException(labelsName, $"a label file must have 1 dimension, has {labels.Dimensions.Length}");
        if (images.Dimensions[0] != labels.Dimensions[0])
            throw new IdxFormatException(labelsName, $"{labels.Dimensions[0]:N0} labels but {imagesName} has {images.Dimensions[0]:N0} images");
        int n = images.Dimensions[0], h = images.Dimensions[1], w = images.Dimensions[2];
        var pixels = torch.tensor(images.Data, new long[] { n, 1, h, w }, ScalarType.Byte);
        var scaled = pixels.to_type(ScalarType.Float32).div_(127.5f).sub_(1f); // [0, 255] → [-1, 1]
        pixels.Dispose();
        var y = torch.tensor(labels.Data, new long[] { n }, ScalarType.Byte).to_type(ScalarType.Int64);
        return new ImageDataset(scaled, y, source);
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
