using System.Text;
using static TorchSharp.torch;

namespace GanSharp.Imaging;

/// <summary>
/// Images (and voxel grids) as one NumPy .npy file of uint8 (N, H, W, C) — the layout clean-fid, torch-fidelity and
/// the StyleGAN/guided-diffusion evaluators load with numpy.load — written in batches, so n
/// samples need not fit in memory at once. Format: NumPy's .npy version 1.0 (a magic string, a
/// little-endian header length, a Python-literal header padded to 64 bytes, then the raw array).
/// </summary>
public sealed class NpyImages : IDisposable
{
    private readonly Stream file;
    private readonly long count, height, width, channels;
    private long written;

    public NpyImages(string path, long count, long channels, long height, long width)
    {
        (this.count, this.channels, this.height, this.width) = (count, channels, height, width);
        file = File.Create(path);
        file.Write(Header(count, height, width, channels));
    }

    /// <summary>The header of uint8 images (N, H, W, C).</summary>
    public static byte[] Header(long n, long h, long w, long c) => Header("|u1", n, h, w, c);

    /// <summary>The 1.0 header: magic, version, length, and the dict padded with spaces to a multiple of 64 bytes, ending in a newline.</summary>
    public static byte[] Header(string descr, params long[] shape)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        int unpadded = 6 + 2 + 2 + dict.Length + 1;
        string padded = dict + new string(' ', (64 - unpadded % 64) % 64) + "\n";
        var header = new List<byte> { 0x93 };
        header.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        header.AddRange(new byte[] { 1, 0, (byte)(padded.Length & 0xff), (byte)(padded.Length >> 8) });
        header.AddRange(Encoding.ASCII.GetBytes(padded));
        return header.ToArray();
    }

    /// <summary>
    /// Voxel grids (N, 1, D, H, W) as one float32 (N, D, H, W) file of occupancies in [0, 1], written
    /// atomically: the raw grids, for numpy, scikit-image's marching cubes or a viewer to threshold.
    /// </summary>
    public static void SaveVolumes(Tensor grids, string path)
    {
        if (grids.dim() != 5 || grids.shape[1] != 1) throw new ArgumentException($"expected (N, 1, D, H, W) grids, got ({string.Join(", ", grids.shape)})");
        using var values = grids.detach().cpu().to_type(ScalarType.Float32).contiguous();
        var floats = values.data<float>().ToArray();
        var bytes = new byte[floats.Length * 4];
        Buffer.BlockCopy(floats, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the .npy writer writes little-endian floats ('<f4') on little-endian machines only");
        AtomicFile.Write(path, s =>
        {
            s.Write(Header("<f4", grids.shape[0], grids.shape[2], grids.shape[3], grids.shape[4]));
            s.Write(bytes);
        });
    }

    /// <summary>Appends images (B, C, H, W) in [−1, 1], rounded to bytes as the PNGs are.</summary>
    public void Append(Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != channels || images.shape[2] != height || images.shape[3] != width)
            throw new ArgumentException($"expected (B, {channels}, {height}, {width}) images, got ({string.Join(", ", images.shape)})");
        if (written + images.shape[0] > count) throw new InvalidOperationException($"the file holds {count} images; {written + images.shape[0]} were appended");
        using var scope = NewDisposeScope();
        var bytes = images.detach().cpu().add(1).div(2).clamp(0, 1).mul(255).round().to_type(ScalarType.Byte).permute(0, 2, 3, 1).contiguous();
        file.Write(bytes.data<byte>().ToArray());
        written += images.shape[0];
    }

    public void Dispose()
    {
        file.Dispose();
        if (written != count) throw new InvalidOperationException($"{count} images were announced in the header but {written} written");
    }
}
