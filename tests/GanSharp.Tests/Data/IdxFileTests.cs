using System.Buffers.Binary;
using System.IO.Compression;
using GanSharp.Data;
using Xunit;

namespace GanSharp.Tests.Data;

public sealed class IdxFileTests
{
    /// <summary>Writes an IDX file by hand: magic, big-endian dimensions, bytes.</summary>
    internal static byte[] Idx(int magic, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    internal static byte[] Gzip(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(raw);
        return ms.ToArray();
    }

    private static readonly byte[] Pixels = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 10)).ToArray();

    [Fact]
    public void Read_RawImages_ReturnsDimensionsAndBytes()
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllBytes(tmp.File("img"), Idx(2051, new[] { 2, 3, 4 }, Pixels));
        var a = IdxFile.Read(tmp.File("img"), IdxFile.ImagesMagic);
        Assert.Equal(new[] { 2, 3, 4 }, a.Dimensions);
        Assert.Equal(Pixels, a.Data);
    }

    [Fact]
    public void Read_GzipImages_EqualsRaw()
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllBytes(tmp.File("img.gz"), Gzip(Idx(2051, new[] { 2, 3, 4 }, Pixels)));
        Assert.Equal(Pixels, IdxFile.Read(tmp.File("img.gz"), IdxFile.ImagesMagic).Data);
    }

    [Theory]
    [InlineData(2049, "wrong magic number 2049")]
    [InlineData(1234, "wrong magic number 1234")]
    public void Read_WrongMagic_NamesFileAndMagic(int magic, string expected)
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllBytes(tmp.File("img"), Idx(magic, new[] { 2, 3, 4 }, Pixels));
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.Read(tmp.File("img"), IdxFile.ImagesMagic));
        Assert.Contains(tmp.File("img"), e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Read_TruncatedData_SaysTruncated()
    {
        using var tmp = TestSetup.Temp();
        var bytes = Idx(2051, new[] { 2, 3, 4 }, Pixels);
        File.WriteAllBytes(tmp.File("img"), bytes[..^5]);
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.Read(tmp.File("img"), IdxFile.ImagesMagic));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("24 data bytes", e.Message);
    }

    [Fact]
    public void Read_TruncatedHeader_SaysTruncatedHeader()
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllBytes(tmp.File("img"), Idx(2051, new[] { 2, 3, 4 }, Pixels)[..9]);
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.Read(tmp.File("img"), IdxFile.ImagesMagic));
        Assert.Contains("truncated header", e.Message);
    }

    [Fact]
    public void Read_ExtraBytes_AreReported()
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllBytes(tmp.File("img"), Idx(2051, new[] { 2, 3, 4 }, Pixels).Concat(new byte[3]).ToArray());
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.Read(tmp.File("img"), IdxFile.ImagesMagic));
        Assert.Contains("3 unexpected bytes", e.Message);
    }

    [Fact]
    public void Read_DimensionsWhoseProductOverflows_AreRefusedBeforeAllocating()
    {
        using var tmp = TestSetup.Temp();
        // 65,536 × 65,536 × 65,536 = 2^48 bytes, announced by a 16-byte header: it would wrap an int and not fit an array
        File.WriteAllBytes(tmp.File("img"), Idx(2051, new[] { 65_536, 65_536, 65_536 }, new byte[8]));
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.Read(tmp.File("img"), IdxFile.ImagesMagic));
        Assert.Contains("the dimensions 65536×65536… announce more than the", e.Message);
    }

    [Fact]
    public void Read_AGzipBomb_StopsAtWhatTheHeaderAnnounces()
    {
        using var tmp = TestSetup.Temp();
        // a 10-image header followed by 400 MB of zeros that gzip squeezes into about 400 kB
        var header = Idx(2051, new[] { 10, 28, 28 }, new byte[10 * 28 * 28]);
        using (var file = File.Create(tmp.File("bomb.gz")))
        using (var gz = new GZipStream(file, CompressionLevel.Optimal))
        {
            gz.Write(header);
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 400; i++) gz.Write(zeros);
        }
        Assert.True(new FileInfo(tmp.File("bomb.gz")).Length < 4_000_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.Read(tmp.File("bomb.gz"), IdxFile.ImagesMagic));
        Assert.Contains("1,048,576 or more unexpected bytes after the 7,840 data bytes", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 50_000_000, "the bomb was inflated into memory");
    }

    [Fact]
    public void Read_MissingFile_SaysNotFound()
    {
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.Read("/no/such/train-images-idx3-ubyte.gz", IdxFile.ImagesMagic));
        Assert.Equal("/no/such/train-images-idx3-ubyte.gz: file not found", e.Message);
    }

    [Fact]
    public void Read_GzNameWithoutGzipData_SaysNotGzip()
    {
        using var tmp = TestSetup.Temp();
        File.WriteAllText(tmp.File("img.gz"), "hello, this is not gzip");
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.Read(tmp.File("img.gz"), IdxFile.ImagesMagic));
        Assert.Contains("not gzip", e.Message);
    }

    [Fact]
    public void Read_CorruptGzip_SaysCorrupt()
    {
        using var tmp = TestSetup.Temp();
        var gz = Gzip(Idx(2051, new[] { 2, 3, 4 }, Pixels));
        for (int i = 12; i < gz.Length - 8; i++) gz[i] ^= 0x5a;
        File.WriteAllBytes(tmp.File("img.gz"), gz);
        var e = Assert.Throws<IdxFormatException>(() => IdxFile.Read(tmp.File("img.gz"), IdxFile.ImagesMagic));
        Assert.Contains(tmp.File("img.gz"), e.Message);
    }

    [Fact]
    public void FromIdx_ImageLabelCountMismatch_NamesBothFiles()
    {
        var images = new IdxFile.Array(new[] { 2, 3, 4 }, Pixels);
        var labels = new IdxFile.Array(new[] { 3 }, new byte[] { 1, 2, 3 });
        var e = Assert.Throws<IdxFormatException>(() => ImageDataset.FromIdx(images, "a-images", labels, "a-labels", "test"));
        Assert.Contains("a-labels", e.Message);
        Assert.Contains("3 labels but a-images has 2 images", e.Message);
    }

    [Fact]
    public void FromIdx_ScalesPixelsToMinusOneOne()
    {
        var images = new IdxFile.Array(new[] { 1, 1, 3 }, new byte[] { 0, 255, 51 });
        var labels = new IdxFile.Array(new[] { 1 }, new byte[] { 7 });
        using var ds = ImageDataset.FromIdx(images, "i", labels, "l", "test");
        var v = ds.Images.data<float>().ToArray();
        Assert.Equal(-1.0, v[0], 6);
        Assert.Equal(1.0, v[1], 6);
        Assert.Equal(51 / 127.5 - 1, v[2], 6);
        Assert.Equal(7L, ds.Labels.item<long>());
    }
}
