using GanSharp.Data.Text;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Data.Sources;

/// <summary>How a folder of images becomes training samples.</summary>
/// <param name="Side">side of the stored squares: the run's resolution, or more when batches are randomly cropped</param>
/// <param name="Channels">1 (grey) or 3 (RGB)</param>
/// <param name="Labels">classes from the names of the first-level subfolders (sorted); images directly in the folder are refused then</param>
/// <param name="SkipBad">skip and count files that cannot be decoded, instead of stopping at the first</param>
/// <param name="Background">what transparent pixels become</param>
/// <param name="MemoryCapBytes">above this size the decoded set is not kept: images are decoded again for every batch</param>
/// <param name="Part">the whole image, or one half of side-by-side (A | B) pairs</param>
public sealed record ImageFolderOptions(int Side, int Channels, bool Labels = false, bool SkipBad = false, SKColor Background = default, long MemoryCapBytes = 4L << 30,
    ImagePart Part = ImagePart.Whole)
{
    public SKColor Background { get; init; } = Background == default ? SKColors.White : Background;

    /// <summary>
    /// When set, every image's description is read from the folder's captions.tsv (an error names
    /// the first image without one) and each batch carries its token ids in this vocabulary as
    /// <see cref="Batch.Condition"/>, (N, <see cref="Vocabulary.MaxTokens"/>) int64.
    /// </summary>
    public Vocabulary? Text { get; init; }
}

/// <summary>
/// Every image below a folder (recursively; PNG, JPEG, BMP, GIF, WebP), decoded into squares of
/// <see cref="ImageFolderOptions.Side"/> pixels and kept as uint8 (a quarter of float32's memory),
/// scaled to [−1, 1] only per batch; a set larger than the memory cap is kept as its file list and
/// decoded per batch instead (every file is decoded once at load all the same, so a bad one is
/// found before training). Files are taken in ordinal order of their paths, so an index always
/// means the same image. Labels, when asked for, come from first-level subfolder names.
/// </summary>
public sealed class ImageFolder : IDataSource
{
    private readonly Tensor? pixels;              // (N, C, S, S) uint8, or null when decoded per batch
    private readonly IReadOnlyList<string> files; // the images kept, by index
    private readonly ImageFolderOptions options;
    private readonly Tensor? labels;              // (N) int64
    private readonly Tensor? tokens;              // (N, MaxTokens) int64, with ImageFolderOptions.Text

    /// <summary>How every image folder's description starts (config.json's data source).</summary>
    public const string DescriptionStart = "image folder ";

    public long Count => files.Count;
    /// <summary>Whether images are decoded for every batch (the set is over the memory cap).</summary>
    public bool DecodesPerBatch => pixels is null;
    public DataShape Shape { get; }
    public string Description { get; }
    /// <summary>Class names by label, when labels come from subfolders.</summary>
    public IReadOnlyList<string>? ClassNames { get; }
    /// <summary>Files that could not be decoded and were skipped (with <see cref="ImageFolderOptions.SkipBad"/>).</summary>
    public IReadOnlyList<ImageFileException> Skipped { get; }
    /// <summary>A sentence about sizes when they need saying (all images smaller than the side, or none square), else null.</summary>
    public string? SizeWarning { get; }
    /// <summary>Each image's description, by index, with <see cref="ImageFolderOptions.Text"/>; else null.</summary>
    public IReadOnlyList<string>? Descriptions { get; }

    private ImageFolder(Tensor? pixels, IReadOnlyList<string> files, ImageFolderOptions options, Tensor? labels, DataShape shape, string description,
        IReadOnlyList<string>? classes, IReadOnlyList<ImageFileException> skipped, string? sizeWarning, IReadOnlyList<string>? descriptions)
    {
        (this.pixels, this.files, this.options, this.labels, Shape, Description, ClassNames, Skipped, SizeWarning, Descriptions) =
            (pixels, files, options, labels, shape, description, classes, skipped, sizeWarning, descriptions);
        tokens = descriptions is null ? null : options.Text!.EncodeAll(descriptions);
    }

    /// <summary>Whether a folder holds images below it (what tells an image folder from an IDX one).</summary>
    public static bool HasImages(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any(f => ImageDecoder.Extensions.Contains(Path.GetExtension(f)));

    /// <summary>The image files below a folder, recursively, in ordinal order of their paths relative to it.</summary>
    public static List<string> ListImages(string folder)
    {
        if (!Directory.Exists(folder)) throw new GanSharpException($"--data {folder}: no such folder");
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => ImageDecoder.Extensions.Contains(Path.GetExtension(f)))
            .OrderBy(f => Path.GetRelativePath(folder, f), StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new GanSharpException($"{folder}: no images ({string.Join(", ", ImageDecoder.Extensions.Order())}) below it");
        return files;
    }

    public static ImageFolder Load(string folder, ImageFolderOptions o) => Load(folder, ListImages(folder), o);

    /// <summary>These files of the folder (paired sets keep those both folders have), in this order.</summary>
    public static ImageFolder Load(string folder, List<string> files, ImageFolderOptions o)
    {
        if (o.Side < 4) throw new GanSharpException($"images need a side of at least 4 pixels, got {o.Side}");
        var (classes, classOf) = o.Labels ? Classes(folder, files) : (null, null);
        var captions = o.Text is null ? null : Captions.For(folder, files);   // before decoding: a missing description is found at once
        long plane = (long)o.Channels * o.Side * o.Side;
        bool perBatch = files.Count * plane > o.MemoryCapBytes;            // then pixels are dropped as soon as a file is known to decode
        var decoded = new ImageDecoder.Decoded?[files.Count];
        var errors = new ImageFileException?[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            try
            {
                var d = ImageDecoder.Decode(files[i], o.Side, o.Channels, o.Background, o.Part);
                decoded[i] = perBatch ? d with { Pixels = Array.Empty<byte>() } : d;
            }
            catch (ImageFileException e) { errors[i] = e; }
        });
        var bad = errors.Where(e => e is not null).Select(e => e!).ToList();
        if (bad.Count > 0 && !o.SkipBad)
            throw new GanSharpException(bad[0].Message + (bad.Count > 1 ? $" (and {bad.Count - 1} more bad files; --skip-bad leaves them out)" : " (--skip-bad leaves bad files out)"));
        var kept = Enumerable.Range(0, files.Count).Where(i => decoded[i] is not null).ToList();
        if (kept.Count == 0) throw new GanSharpException($"{folder}: none of its {files.Count} images could be decoded ({bad[0].Message})");
        var pixels = perBatch ? null : Stack(kept.Select(i => decoded[i]!.Pixels).ToList(), o);
        Tensor? labels = classOf is null ? null : tensor(kept.Select(i => (long)classOf[i]).ToArray(), ScalarType.Int64);
        var shape = DataShape.Image(o.Channels, o.Side, o.Side, classes?.Count ?? 0);
        string part = o.Part switch { ImagePart.LeftHalf => "left halves of ", ImagePart.RightHalf => "right halves of ", _ => "" };
        string description = $"{DescriptionStart}{folder} ({part}{kept.Count:N0} images{(bad.Count > 0 ? $", {bad.Count:N0} bad files skipped" : "")}" +
                             $"{(classes is null ? "" : $", {classes.Count} classes from subfolders")}{(captions is null ? "" : $", described in {Captions.FileName}")}, as {(o.Channels == 1 ? "grey" : "RGB")} {o.Side}×{o.Side}" +
                             $"{(perBatch ? $"; {kept.Count * plane / (1 << 20):N0} MB is over the {o.MemoryCapBytes / (1 << 20):N0} MB memory cap, so decoded per batch" : "")})";
        return new ImageFolder(pixels, kept.Select(i => files[i]).ToList(), o, labels, shape, description, classes, bad, SizeNote(kept.Select(i => decoded[i]!).ToList(), o.Side),
            captions is null ? null : kept.Select(i => captions[i]).ToList());
    }

    public Batch Read(Tensor indices)
    {
        var bytes = pixels?.index_select(0, indices) ?? Decode(indices.data<long>().ToArray());
        var x = bytes.to_type(ScalarType.Float32).div_(127.5f).sub_(1f);   // [0, 255] → [−1, 1]
        if (pixels is null) bytes.Dispose();
        return new Batch(x, Labels: labels?.index_select(0, indices), Condition: tokens?.index_select(0, indices));
    }

    /// <summary>The images at these indices decoded again (they decoded at load, so they decode now).</summary>
    private Tensor Decode(long[] indices)
    {
        var images = new byte[indices.Length][];
        Parallel.For(0, indices.Length, k => images[k] = ImageDecoder.Decode(files[(int)indices[k]], options.Side, options.Channels, options.Background, options.Part).Pixels);
        return Stack(images, options);
    }

    /// <summary>Images as one (N, C, S, S) uint8 tensor, filled in chunks (a single .NET array stops at 2 GB).</summary>
    private static Tensor Stack(IReadOnlyList<byte[]> images, ImageFolderOptions o)
    {
        int plane = o.Channels * o.Side * o.Side;
        var all = empty(new long[] { images.Count, o.Channels, o.Side, o.Side }, ScalarType.Byte);
        int chunk = Math.Max(1, (256 << 20) / plane);
        for (int start = 0; start < images.Count; start += chunk)
        {
            int n = Math.Min(chunk, images.Count - start);
            var bytes = new byte[(long)n * plane];
            for (int k = 0; k < n; k++) Buffer.BlockCopy(images[start + k], 0, bytes, k * plane, plane);
            using var part = tensor(bytes, new long[] { n, o.Channels, o.Side, o.Side }, ScalarType.Byte);
            all.narrow(0, start, n).copy_(part);
        }
        return all;
    }

    /// <summary>Class k = the k-th first-level subfolder in ordinal order; every image must sit in one.</summary>
    private static (IReadOnlyList<string>, int[]) Classes(string folder, List<string> files)
    {
        var first = files.Select(f => Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar)).ToList();
        var loose = first.FindIndex(parts => parts.Length == 1);
        if (loose >= 0) throw new GanSharpException($"{files[loose]}: with --labels folders every image must be inside a class subfolder of {folder}");
        var names = first.Select(p => p[0]).Distinct().Order(StringComparer.Ordinal).ToList();
        if (names.Count < 2) throw new GanSharpException($"{folder}: --labels folders needs at least 2 class subfolders, found {names.Count}");
        return (names, first.Select(p => names.IndexOf(p[0])).ToArray());
    }

    private static string? SizeNote(IReadOnlyList<ImageDecoder.Decoded> images, int side)
    {
        int small = images.Count(d => Math.Min(d.Width, d.Height) < side);
        int square = images.Count(d => d.Width == d.Height);
        var parts = new List<string>();
        if (small == images.Count) parts.Add($"every image is smaller than {side} pixels on its shorter side (they are upscaled)");
        else if (small > 0) parts.Add($"{small:N0} of {images.Count:N0} images are smaller than {side} pixels on their shorter side (upscaled)");
        if (square == 0) parts.Add("no image is square (each is cropped to its centre square)");
        return parts.Count == 0 ? null : "note: " + string.Join("; ", parts);
    }

    public void Dispose()
    {
        pixels?.Dispose();
        labels?.Dispose();
        tokens?.Dispose();
    }
}
