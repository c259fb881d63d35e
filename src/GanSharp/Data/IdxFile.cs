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

    /// <summary>
    /// Reads from a stream; <paramref name="name"/> names it in errors. The header is read first
    /// and the data must be exactly what it announces, so a gzip bomb or a header whose dimensions
    /// multiply past what an array holds is refused before anything large is allocated.
    /// </summary>
    public static Array Read(Stream stream, string name, int expectedMagic)
    {
        var data = Decompressed(stream, name);
        try
        {
            var magicBytes = ReadUpTo(data, 4);
            if (magicBytes.Length < 4) throw new IdxFormatException(name, $"truncated: {magicBytes.Length} bytes, shorter than the 4-byte magic number");
            int magic = BinaryPrimitives.ReadInt32BigEndian(magicBytes);
            if (magic != expectedMagic)
                throw new IdxFormatException(name, $"wrong magic number {magic} (0x{magic:x8}); expected {expectedMagic} ({Describe(expectedMagic)})");
            int rank = magicBytes[3];
            var header = ReadUpTo(data, 4 * rank);
            if (header.Length < 4 * rank)
                throw new IdxFormatException(name, $"truncated header: {rank} dimensions need {4 + 4 * rank} bytes, file has {4 + header.Length}");
            var dims = new int[rank];
            long count = 1;
            for (int i = 0; i < rank; i++)
            {
                dims[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * i));
                if (dims[i] <= 0) throw new IdxFormatException(name, $"dimension {i} is {dims[i]}; dimensions must be positive");
                if (count > System.Array.MaxLength / dims[i])
                    throw new IdxFormatException(name, $"the dimensions {string.Join('×', dims.Take(i + 1))}… announce more than the {System.Array.MaxLength:N0} bytes an array can hold");
                count *= dims[i];
            }
            var body = ReadUpTo(data, (int)count);
            if (body.Length < count)
                throw new IdxFormatException(name, $"truncated: the header announces {count:N0} data bytes ({string.Join('×', dims)}), the file holds {body.Length:N0}");
            long extra = CountRest(data);
            if (extra > 0)
                throw new IdxFormatException(name, $"{extra:N0}{(extra >= ExtraCounted ? " or more" : "")} unexpected bytes after the {count:N0} data bytes ({string.Join('×', dims)})");
            return new Array(dims, body);
        }
        catch (InvalidDataException e)
        {
            throw new IdxFormatException(name, $"corrupt gzip stream ({e.Message})");
        }
        finally
        {
            if (!ReferenceEquals(data, stream)) data.Dispose();   // the caller's stream stays the caller's
        }
    }

    private static string Describe(int magic) => magic == ImagesMagic ? "an image file" : "a label file";

    /// <summary>Bytes past the data counted before giving up (a bomb's tail is not read to its end).</summary>
    private const long ExtraCounted = 1 << 20;

    /// <summary>The stream itself (copied first if it cannot seek), or a decompressing view of it when it starts with gzip's magic bytes.</summary>
    private static Stream Decompressed(Stream stream, string name)
    {
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        long start = stream.Position;
        Span<byte> first = stackalloc byte[2];
        int got = stream.ReadAtLeast(first, 2, throwOnEndOfStream: false);
        stream.Position = start;
        if (got == 2 && first[0] == 0x1f && first[1] == 0x8b) return new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            throw new IdxFormatException(name, "not gzip data although the name ends in .gz");
        return stream;
    }

    /// <summary>At most n bytes, read in pieces: a header that promises more than the file holds costs what the file holds, not what it promises.</summary>
    private static byte[] ReadUpTo(Stream s, int n)
    {
        using var output = new MemoryStream();
        var piece = new byte[Math.Min(n, 1 << 20)];
        while (output.Length < n)
        {
            int got = s.Read(piece, 0, (int)Math.Min(piece.Length, n - output.Length));
            if (got == 0) break;
            output.Write(piece, 0, got);
        }
        return output.ToArray();
    }

    private static long CountRest(Stream s)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        for (int got; total < ExtraCounted && (got = s.Read(buffer)) > 0;) total += got;
        return total;
    }
}

/// <summary>An IDX file that cannot be read; the message names the file and the problem.</summary>
public sealed class IdxFormatException(string file, string problem)
    : GanSharpException($"{file}: {problem}")
{
    public string File { get; } = file;
}
