using System.Text.Json;
using SkiaSharp;
using Svg.Skia;

namespace GanSharp.Data.Sets;

/// <summary>
/// Lays out the npm package `openmoji` (data/openmoji.json; color/svg and black/svg, the same emoji
/// drawn in colour and as black outlines) as two image folders of the same file names — color/GROUP/
/// and black/GROUP/ — rendered from the SVGs with Svg.Skia at <see cref="Side"/> pixels, so outline →
/// colour is a paired set (--pairs by-name) and each is a set of its own; LICENSE.txt beside them.
/// </summary>
public static class OpenMoji
{
    /// <summary>Side of the rendered images: larger than any run's 32/64, so runs downscale.</summary>
    public const int Side = 128;

    public static void Prepare(string package, string target, Action<string> say)
    {
        string json = Path.Combine(package, "data", "openmoji.json");
        if (!File.Exists(json)) throw new GanSharpException($"{package}: no data/openmoji.json (not the openmoji package?)");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var emoji = doc.RootElement.EnumerateArray()
            .Select(e => (Group: e.GetProperty("group").GetString() ?? "other", Code: e.GetProperty("hexcode").GetString()!))
            .Where(e => File.Exists(Path.Combine(package, "color", "svg", $"{e.Code}.svg")) && File.Exists(Path.Combine(package, "black", "svg", $"{e.Code}.svg")))
            .ToList();
        if (emoji.Count == 0) throw new GanSharpException($"{package}: openmoji.json lists no emoji with both a color and a black SVG");
        int failed = 0;
        Parallel.ForEach(emoji, e =>
        {
            foreach (var style in new[] { "color", "black" })
            {
                string folder = Path.Combine(target, style, e.Group);
                Directory.CreateDirectory(folder);
                if (!Render(Path.Combine(package, style, "svg", $"{e.Code}.svg"), Path.Combine(folder, $"{e.Code}.png"), Side))
                    Interlocked.Increment(ref failed);
            }
        });
        File.Copy(Path.Combine(package, "LICENSE.txt"), Path.Combine(target, "LICENSE.txt"), overwrite: true);
        var groups = emoji.GroupBy(e => e.Group).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        say($"{emoji.Count:N0} OpenMoji in colour and as outlines, rendered at {Side}×{Side} in {emoji.Select(e => e.Group).Distinct().Count()} groups ({string.Join(", ", groups)})" +
            (failed > 0 ? $"; {failed} SVGs did not render and are left out" : ""));
        say($"outline → colour pairs: --data {Path.Combine(target, "black")} --pairs by-name --data-b {Path.Combine(target, "color")}");
        say("licence: OpenMoji by HfG Schwäbisch Gmünd and contributors, CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)");
    }

    /// <summary>Renders an SVG, scaled to fit side×side and centred, with its transparency, to a PNG; false when it does not render.</summary>
    public static bool Render(string svgPath, string pngPath, int side)
    {
        using var svg = new SKSvg();
        if (svg.Load(svgPath) is not { } picture) return false;
        var bounds = picture.CullRect;
        if (bounds.Width <= 0 || bounds.Height <= 0) return false;
        float scale = side / Math.Max(bounds.Width, bounds.Height);
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.Translate((side - bounds.Width * scale) / 2, (side - bounds.Height * scale) / 2);
            canvas.Scale(scale);
            canvas.Translate(-bounds.Left, -bounds.Top);
            canvas.DrawPicture(picture);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(pngPath, data.ToArray());
        return true;
    }
}
