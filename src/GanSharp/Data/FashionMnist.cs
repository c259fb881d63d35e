using System.Reflection;

namespace GanSharp.Data;

/// <summary>
/// Finds and loads Fashion-MNIST, in this order: an explicit folder (--data), the GANSHARP_DATA
/// variable, the Debian package dataset-fashion-mnist, else the copy of the 10,000-image test
/// split embedded in GanSharp (MIT, Zalando SE). "embedded" as the folder picks the copy directly.
/// </summary>
public static class FashionMnist
{
    public const string EnvironmentVariable = "GANSHARP_DATA";
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";
    public const string Embedded = "embedded";

    /// <summary>Where data comes from, in words the command prints.</summary>
    public sealed record Location(string? Folder, string Why)
    {
        public bool IsEmbedded => Folder is null;
    }

    /// <summary>Applies the search order; a folder given explicitly must exist.</summary>
    public static Location Locate(string? dataFolder)
    {
        if (dataFolder == Embedded) return new Location(null, "--data embedded");
        if (!string.IsNullOrEmpty(dataFolder))
        {
            if (!Directory.Exists(dataFolder)) throw new GanSharpException($"--data {dataFolder}: no such folder");
            return new Location(dataFolder, "--data");
        }
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            if (fromEnvironment == Embedded) return new Location(null, $"{EnvironmentVariable}=embedded");
            if (!Directory.Exists(fromEnvironment)) throw new GanSharpException($"{EnvironmentVariable}={fromEnvironment}: no such folder");
            return new Location(fromEnvironment, EnvironmentVariable);
        }
        if (Directory.Exists(DebianFolder) && FindSplit(DebianFolder) is not null)
            return new Location(DebianFolder, "Debian package dataset-fashion-mnist");
        return new Location(null, "no other copy found");
    }

    /// <summary>Loads the training split of a folder (the test split if it only has that), or the embedded copy.</summary>
    public static ImageDataset Load(Location location)
    {
        if (location.IsEmbedded)
        {
            var asm = typeof(FashionMnist).Assembly;
            var images = IdxFile.Read(Resource(asm, "t10k-images-idx3-ubyte.gz"), "embedded t10k-images-idx3-ubyte.gz", IdxFile.ImagesMagic);
            var labels = IdxFile.Read(Resource(asm, "t10k-labels-idx1-ubyte.gz"), "embedded t10k-labels-idx1-ubyte.gz", IdxFile.LabelsMagic);
            return ImageDataset.FromIdx(images, "embedded t10k-images", labels, "embedded t10k-labels",
                $"Fashion-MNIST test split embedded in GanSharp ({images.Dimensions[0]:N0} images; {location.Why})");
        }
        var folder = location.Folder!;
        var split = FindSplit(folder) ?? throw new GanSharpException(
            $"{folder}: neither images (PNG, JPEG, BMP, GIF, WebP) nor Fashion-MNIST files (train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz], or the t10k ones)");
        var img = IdxFile.Read(split.Images, IdxFile.ImagesMagic);
        var lbl = IdxFile.Read(split.Labels, IdxFile.LabelsMagic);
        return ImageDataset.FromIdx(img, split.Images, lbl, split.Labels,
            $"Fashion-MNIST {split.Name} split from {folder} ({img.Dimensions[0]:N0} images; {location.Why})");
    }

    /// <summary>
    /// Both splits of a folder (training and test), for what must train on one and measure on the
    /// other (the feature network). The embedded copy has only the test split, so it is refused.
    /// </summary>
    public static (ImageDataset Train, ImageDataset Test) LoadBoth(Location location)
    {
        if (location.IsEmbedded)
            throw new GanSharpException("this needs the 60,000-image training split, which is not embedded: install it (apt-get install dataset-fashion-mnist) or pass --data DIR");
        var folder = location.Folder!;
        ImageDataset Read(string prefix, string name)
        {
            var images = FirstExisting(folder, $"{prefix}-images-idx3-ubyte") ?? throw new GanSharpException($"{folder}: no {prefix}-images-idx3-ubyte[.gz]");
            var labels = FirstExisting(folder, $"{prefix}-labels-idx1-ubyte") ?? throw new GanSharpException($"{folder}: no {prefix}-labels-idx1-ubyte[.gz]");
            var img = IdxFile.Read(images, IdxFile.ImagesMagic);
            return ImageDataset.FromIdx(img, images, IdxFile.Read(labels, IdxFile.LabelsMagic), labels,
                $"Fashion-MNIST {name} split from {folder} ({img.Dimensions[0]:N0} images)");
        }
        return (Read("train", "training"), Read("t10k", "test"));
    }

    private sealed record Split(string Name, string Images, string Labels);

    /// <summary>Whether a folder holds a Fashion-MNIST split (IDX files).</summary>
    public static bool HasSplit(string folder) => FindSplit(folder) is not null;

    private static Split? FindSplit(string folder)
    {
        foreach (var (name, prefix) in new[] { ("train", "train"), ("test", "t10k") })
        {
            var images = FirstExisting(folder, $"{prefix}-images-idx3-ubyte");
            if (images is null) continue;
            var labels = FirstExisting(folder, $"{prefix}-labels-idx1-ubyte")
                ?? throw new GanSharpException($"{folder}: {Path.GetFileName(images)} has no label file {prefix}-labels-idx1-ubyte[.gz] beside it");
            return new Split(name, images, labels);
        }
        return null;
    }

    private static string? FirstExisting(string folder, string stem) =>
        new[] { stem + ".gz", stem }.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists);

    private static Stream Resource(Assembly asm, string file) =>
        asm.GetManifestResourceStream("fashion-mnist/" + file)
        ?? throw new GanSharpException($"the embedded Fashion-MNIST file {file} is missing from {asm.GetName().Name}.dll (build problem)");
}
