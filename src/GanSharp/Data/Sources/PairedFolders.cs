namespace GanSharp.Data.Sources;

/// <summary>
/// Paired image sets (pix2pix): two folders whose files pair by their path without the extension
/// (a/x.png with b/x.jpg), or one folder of images that hold the input on the left and the target on
/// the right (the layout of pix2pix's facades, maps, edges2shoes). Both halves of a pair are
/// decoded the same way and share one index, so one stream, one crop and one flip serve both.
/// </summary>
public static class PairedFolders
{
    /// <summary>Pairs of files with the same name in <paramref name="inputs"/> and <paramref name="targets"/>; files without a partner are counted in <paramref name="say"/>.</summary>
    public static PairedSource ByName(string inputs, string targets, ImageFolderOptions o, Action<string> say)
    {
        if (o.SkipBad) throw new GanSharpException("--skip-bad would drop one half of a pair and shift the rest; paired folders must decode whole (mend or remove the bad files)");
        var a = ByKey(inputs);
        var b = ByKey(targets);
        var shared = a.Keys.Intersect(b.Keys).Order(StringComparer.Ordinal).ToList();
        if (shared.Count == 0)
            throw new GanSharpException($"{inputs} and {targets} share no file names (pairs are matched by path without the extension, e.g. {a.Keys.Order(StringComparer.Ordinal).First()})");
        if (shared.Count < a.Count || shared.Count < b.Count)
            say($"note: {shared.Count:N0} pairs; {a.Count - shared.Count:N0} images of {inputs} and {b.Count - shared.Count:N0} of {targets} have no partner and are left out");
        var x = ImageFolder.Load(inputs, shared.Select(k => a[k]).ToList(), o);
        var y = ImageFolder.Load(targets, shared.Select(k => b[k]).ToList(), o with { Labels = false });
        return new PairedSource(x, y);
    }

    /// <summary>Pairs held side by side in each image: the left half is the input, the right half the target (or the other way, with <paramref name="rightToLeft"/>).</summary>
    public static PairedSource SideBySide(string folder, ImageFolderOptions o, bool rightToLeft = false)
    {
        if (o.SkipBad) throw new GanSharpException("--skip-bad is not for paired images: a file that does not decode has to be mended or removed");
        var files = ImageFolder.ListImages(folder);
        var left = ImageFolder.Load(folder, files, o with { Part = ImagePart.LeftHalf });
        var right = ImageFolder.Load(folder, files, o with { Part = ImagePart.RightHalf, Labels = false });
        return rightToLeft ? new PairedSource(right, left) : new PairedSource(left, right);
    }

    private static Dictionary<string, string> ByKey(string folder)
    {
        var files = ImageFolder.ListImages(folder);
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            string relative = Path.GetRelativePath(folder, f);
            string key = Path.Combine(Path.GetDirectoryName(relative) ?? "", Path.GetFileNameWithoutExtension(relative));
            if (!byKey.TryAdd(key, f)) throw new GanSharpException($"{f} and {byKey[key]} have the same name but for the extension; a pair needs one image of each name");
        }
        return byKey;
    }
}
