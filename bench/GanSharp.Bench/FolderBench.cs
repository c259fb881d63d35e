using GanSharp.Data.Sources;
using GanSharp.Recipes;
using SkiaSharp;

namespace GanSharp.Bench;

/// <summary>
/// Training from an image folder: images/s and RSS when the decoded set is kept in memory and when
/// it is over the memory cap and decoded for every batch (memory must stay flat either way).
/// </summary>
internal static class FolderBench
{
    /// <summary>A temporary folder of <paramref name="count"/> 40×40 PNGs of coloured blocks, drawn from a fixed seed.</summary>
    public static string MakeFolder(int count)
    {
        string folder = Directory.CreateTempSubdirectory("gansharp-bench-folder-").FullName;
        Parallel.For(0, count, i =>
        {
            using var bitmap = new SKBitmap(40, 40);
            var local = new Random(i);
            for (int y = 0; y < 40; y++)
                for (int x = 0; x < 40; x++)
                    bitmap.SetPixel(x, y, (x / 8 + y / 8) % 2 == 0 ? new SKColor((byte)local.Next(256), 60, 60) : new SKColor(30, (byte)local.Next(256), 200));
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(folder, $"{i:00000}.png"), data.ToArray());
        });
        return folder;
    }

    public static void Run(int images, int rssSteps, double seconds)
    {
        string folder = MakeFolder(images);
        try
        {
            var o = Families.DefaultsOf<GanOptions>("dcgan") with { Resolution = 32, Channels = 3 };
            Console.WriteLine($"image folder ({images:N0} PNGs of 40×40, DCGAN-32 RGB, batch 64, trainer):");
            foreach (var (label, cap) in new[] { ("kept in memory", 4L << 30), ("decoded per batch", 0L) })
            {
                using var set = ImageFolder.Load(folder, new ImageFolderOptions(32, 3, MemoryCapBytes: cap));
                double rate = Bench.TrainerRate(o, seconds, set);
                var (warm, after) = Bench.RssGrowth(o, rssSteps, set);
                Console.WriteLine($"  {label,-18} {rate,8:N0} img/s; RSS {warm / 1e6:N0} MB after warm-up, {after / 1e6:N0} MB after {rssSteps:N0} more steps: {100.0 * (after - warm) / warm:+0.0;-0.0;0.0}%");
            }
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
