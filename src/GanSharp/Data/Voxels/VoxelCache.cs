using System.Security.Cryptography;
using System.Text;
using static TorchSharp.torch;

namespace GanSharp.Data.Voxels;

/// <summary>
/// Voxelised meshes kept on disk, so a data set of a few hundred models opens in a moment after its
/// first time: one file per (source files, resolution), named by a hash of the sources' paths,
/// sizes and modification times and of <see cref="Version"/>, so a changed catalogue or a changed
/// voxeliser is voxelised again. Format: "GSVOX", version, count, side, labels, the skipped models'
/// messages, then the grids as bytes; written atomically; a file that does not read is rebuilt.
/// </summary>
public static class VoxelCache
{
    /// <summary>Raise when voxelising changes, so old caches are not read.</summary>
    public const int Version = 1;

    public sealed record Entry(Tensor Grids, long[] Labels, IReadOnlyList<string> Skipped);

    public static string PathFor(string folder, string name, IEnumerable<string> sources, int side)
    {
        var key = new StringBuilder($"v{Version}/{side}");
        foreach (var file in sources.Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            key.Append($"|{info.FullName}:{info.Length}:{info.LastWriteTimeUtc.Ticks}");
        }
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..16].ToLowerInvariant();
        return Path.Combine(folder, $"{name}-{side}-{hash}.voxels");
    }

    /// <summary>The cached entry, or null when there is none or it does not read.</summary>
    public static Entry? Load(string path, int side)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (new string(reader.ReadChars(5)) != "GSVOX" || reader.ReadInt32() != Version) return null;
            int count = reader.ReadInt32();
            if (reader.ReadInt32() != side || count <= 0 || (long)count * side * side * side > reader.BaseStream.Length) return null;   // a damaged count: not more voxels than bytes
            var labels = Enumerable.Range(0, count).Select(_ => (long)reader.ReadInt32()).ToArray();
            var skipped = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadString()).ToList();
            long voxels = (long)count * side * side * side;
            var bytes = reader.ReadBytes(checked((int)voxels));
            if (bytes.LongLength != voxels || reader.BaseStream.Position != reader.BaseStream.Length) return null;
            return new Entry(tensor(bytes, new long[] { count, 1, side, side, side }), labels, skipped);
        }
        catch (IOException) { return null; }             // EndOfStreamException too: a file cut short
    }

    public static void Save(string path, Entry entry)
    {
        int side = (int)entry.Grids.shape[^1];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write("GSVOX".ToCharArray());
            writer.Write(Version);
            writer.Write(entry.Labels.Length);
            writer.Write(side);
            foreach (var label in entry.Labels) writer.Write((int)label);
            writer.Write(entry.Skipped.Count);
            foreach (var message in entry.Skipped) writer.Write(message);
            writer.Write(entry.Grids.to_type(ScalarType.Byte).contiguous().data<byte>().ToArray());
        });
    }
}
