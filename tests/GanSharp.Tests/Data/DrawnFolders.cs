using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace GanSharp.Tests.Data;

/// <summary>Folders of small pictures the tests draw: something to learn that needs no data set.</summary>
internal static class DrawnFolders
{
    /// <summary>16×16 pictures: a bar of a random colour along the top and a dot at the bottom left; with <paramref name="classes"/>, red discs and blue squares.</summary>
    public static void Draw(string folder, int count, bool classes)
    {
        var rng = new Random(5);
        for (int i = 0; i < count; i++)
        {
            using var image = new Image<Rgb24>(16, 16, new Rgb24(255, 255, 255));
            string sub = "";
            if (classes)
            {
                bool disc = i % 2 == 0;
                sub = disc ? "discs" : "squares";
                int cx = rng.Next(5, 11), cy = rng.Next(5, 11);
                for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++)
                    if (disc ? (x - cx) * (x - cx) + (y - cy) * (y - cy) <= 12 : Math.Abs(x - cx) <= 3 && Math.Abs(y - cy) <= 3)
                        image[x, y] = disc ? new Rgb24(220, 30, 30) : new Rgb24(30, 30, 220);
            }
            else
            {
                var colour = new Rgb24((byte)rng.Next(200), (byte)rng.Next(200), (byte)rng.Next(200));
                int top = rng.Next(1, 4), left = rng.Next(0, 4), right = rng.Next(12, 16);
                for (int y = top; y < top + 3; y++) for (int x = left; x < right; x++) image[x, y] = colour;
                for (int y = 12; y < 15; y++) for (int x = 1; x < 4; x++) image[x, y] = colour;
            }
            Directory.CreateDirectory(Path.Combine(folder, sub));
            image.SaveAsPng(Path.Combine(folder, sub, $"{i:D3}.png"));
        }
    }

}
