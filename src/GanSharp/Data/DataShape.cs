using System.Text.Json.Serialization;

namespace GanSharp.Data;

/// <summary>What kind of samples a source holds; networks are chosen and sized by it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Modality>))]
public enum Modality
{
    /// <summary>(N, C, H, W) images in [−1, 1].</summary>
    Images,
    /// <summary>(N, D) points of a low-dimensional distribution (the toy lab).</summary>
    Points,
    /// <summary>(N, C, D, H, W) voxel grids.</summary>
    Voxels,
}

/// <summary>
/// The shape of one sample: channels, spatial sizes (H, W for images; D, H, W for voxels; the
/// dimension for points), the number of classes (0 = unlabelled) and the modality. Networks are
/// built from it, so a channel mismatch between data and networks cannot happen.
/// </summary>
public sealed record DataShape(Modality Modality, int Channels, IReadOnlyList<int> Size, int Classes = 0)
{
    public static DataShape Image(int channels, int height, int width, int classes = 0) => new(Modality.Images, channels, new[] { height, width }, classes);

    public static DataShape Points(int dimension) => new(Modality.Points, 1, new[] { dimension });

    /// <summary>The dimension of points.</summary>
    [JsonIgnore]
    public int Dimension => Modality == Modality.Points ? Size[0] : throw new GanSharpException($"the data holds {Modality.ToString().ToLowerInvariant()}, not points");

    /// <summary>The shape of a batch of n samples, (n, C, …) or (n, D).</summary>
    public long[] BatchShape(long n) => Modality == Modality.Points
        ? new[] { n, (long)Size[0] }
        : new[] { n, (long)Channels }.Concat(Size.Select(s => (long)s)).ToArray();

    /// <summary>The same images at another square resolution (what a resizing sampler delivers).</summary>
    public DataShape Resized(int side) => this with { Size = Size.Select(_ => side).ToArray() };

    public bool Equals(DataShape? other) => other is not null && Modality == other.Modality && Channels == other.Channels
        && Classes == other.Classes && Size.SequenceEqual(other.Size);

    public override int GetHashCode() => HashCode.Combine(Modality, Channels, Classes, string.Join('×', Size));

    public override string ToString() => Modality switch
    {
        Modality.Points => $"{Size[0]}-D points",
        _ => $"{Channels}×{string.Join('×', Size)} {Modality.ToString().ToLowerInvariant()}" + (Classes > 0 ? $", {Classes} classes" : ""),
    };
}
