using System.Buffers.Binary;
using System.IO.Compression;

namespace GanSharp.Data;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST: a 4-byte magic (0, 0, type 0x08 = unsigned byte,
/// number of dimensions), the dimensions as big-endian int32, then the bytes. Gzip or raw.
/// Images have magic 2051 (3 dimensions), labels 2049 (1 dimension). Every way a file can be
/// wrong is reported with the file's name and the problem.
/// </summary>
public static class IdxFile
{
    public const int ImagesMagic = 2051;
    public const int LabelsMagic = 2049;

    /// <summary>An IDX array: its dimensions and its bytes in row-major order.</summary>
    public sealed record Array(int[] Dimensions, byte[] Data);

    /// <summary>Reads a file; <paramref name="expectedMagic"/> is 2051 or 2049.</summary>
    public static Array Read(string path, int expectedMagic)
    {
        if (!File.Exists(path)) throw new IdxFormatException(path, "file not found");
        using var stream = File.OpenRead(path);
        return Read(stream, path, expectedMagic);
    }

    /// <summary>Reads from a stream; <paramref name="name"/> names it in errors.</summary>
    public static Array Read(Stream stream, string name, int expectedMagic)
    {
        byte[] bytes = Decompress(stream, name);
        if (bytes.Length < 4) throw new IdxFormatException(name, $"truncated: {bytes.Length} bytes, shorter than the 4-byte magic number");
        int magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (magic != expectedMagic)
            throw new IdxFormatException(name, $"wrong magic number {magic} (0x{magic:x8}); expected {expectedMagic} ({Describe(expectedMagic)})");
        int rank = bytes[3];
        int headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
            throw new IdxFormatException(name, $"truncated header: {rank} dimensions need {headerLength} bytes, file has {bytes.Length}");
        var dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (dims[i] <= 0) throw new IdxFormatException(name, $"dimension {i} is {dims[i]}; dimensions must be positive");
            count *= dims[i];
        }
        long actual = bytes.Length - headerLength;
        if (actual < count)
            throw new IdxFormatException(name, $"truncated: the header announces {count:N0} data bytes ({string.Join('×', dims)}), the file holds {actual:N0}");
        if (actual > count)
            throw new IdxFormatException(name, $"{actual - count:N0} unexpected bytes after the {count:N0} data bytes ({string.Join('×', dims)})");
        return new Array(dims, bytes[headerLength..]);
    }

    private static string Describe(int magic) => magic == ImagesMagic ? "an image file" : "a label file";

    private static byte[] Decompress(Stream stream, string name)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        byte[] raw = buffer.ToArray();
        bool gzip = raw.Length >= 2 && raw[0] == 0x1f && raw[1] == 0x8b;
        if (!gzip)
        {
            if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                throw new IdxFormatException(name, "not gzip data although the name ends in .gz");
            return raw;
        }
        try
        {
            using var unzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream();
            unzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new IdxFormatException(name, $"corrupt gzip stream ({e.Message})");
        }
    }
}

/// <summary>An IDX file that cannot be read; the message names the file and the problem.</summary>
public sealed class IdxFormatException(string file, string problem)
    : GanSharpException($"{file}: {problem}")
{
    public string File { get; } = file;
}
