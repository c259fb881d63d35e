using System.IO.Compression;
using System.Security.Cryptography;

namespace GanSharp.Data.Sets;

/// <summary>
/// The small colour set embedded in GanSharp, so a fresh machine without any installed data can
/// train and test in colour: 544 Noto emoji at 32×32 with alpha in four categories (subfolders:
/// smileys-and-emotion, animals-and-nature, food-and-drink, activities), Apache-2.0, built from
/// emoji-google by tools/make-embedded-emoji.py. It is a zip of PNGs that is unpacked once into
/// the data folder and then read like any image folder (labels, background, crops and all).
/// </summary>
public static class EmbeddedEmoji
{
    /// <summary>The --data value that names this set.</summary>
    public const string Name = "embedded-emoji";

    private const string ResourceName = "emoji-32/emoji-32.zip";

    /// <summary>
    /// The unpacked folder under <paramref name="dataRoot"/> (default: the data folder of
    /// <see cref="DataSetCatalogue.DefaultRoot"/>), named by the zip's hash so a changed set never
    /// mixes with an old copy; unpacked into a temporary folder and renamed, so a killed unpack
    /// leaves nothing half-written behind.
    /// </summary>
    public static string Folder(string? dataRoot = null)
    {
        byte[] zip = ReadResource();
        string hash = Convert.ToHexString(SHA256.HashData(zip))[..12].ToLowerInvariant();
        string target = Path.Combine(dataRoot ?? DataSetCatalogue.DefaultRoot(), $"{Name}-{hash}");
        if (Directory.Exists(target)) return target;
        string temporary = $"{target}.unpacking-{Environment.ProcessId}";
        try
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
            using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
                archive.ExtractToDirectory(temporary);
            Directory.Move(temporary, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(temporary, recursive: true);   // another process unpacked it first
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GanSharpException($"could not unpack the embedded emoji into {target}: {e.Message} (set $GANSHARP_DATA_HOME to a writable folder)");
        }
        return target;
    }

    private static byte[] ReadResource()
    {
        using var stream = typeof(EmbeddedEmoji).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new GanSharpException($"the embedded resource {ResourceName} is missing from this build of GanSharp");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
