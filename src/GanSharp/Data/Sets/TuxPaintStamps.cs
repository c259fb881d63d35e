namespace GanSharp.Data.Sets;

/// <summary>
/// Tux Paint's stamps (Debian tuxpaint-stamps-default) as a captioned image folder: every stamp
/// that has a description (STAMP.txt, whose first line is its English caption, "A frog.") and a
/// picture — its PNG, or its SVG rendered with Svg.Skia when there is no PNG — copied into
/// CATEGORY/ (the first-level folder: animals, food, vehicles …) under a name made of its path, and
/// its caption (lower case, without the final full stop) in captions.tsv: text-to-image data whose
/// descriptions were written by people, not made from names. Mirrored variants (_mirror) are left out.
/// </summary>
public static class TuxPaintStamps
{
    public const string Package = "tuxpaint-stamps-default";
    public const string Stamps = "/usr/share/tuxpaint/stamps";

    /// <summary>Side SVG stamps are rendered at.</summary>
    public const int SvgSide = 256;

    public static string Prepare(string stamps, string dataRoot, Action<string> say)
    {
        string target = Path.Combine(dataRoot, "tuxpaint-stamps");
        if (File.Exists(Path.Combine(target, ".complete"))) return target;
        if (!Directory.Exists(stamps)) throw new GanSharpException($"{stamps}: no stamps folder (is {Package} installed?)");
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        var captions = new Dictionary<string, string>(StringComparer.Ordinal);
        var perCategory = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int rendered = 0, unreadable = 0;
        foreach (var description in Directory.GetFiles(stamps, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string stem = description[..^4];
            if (stem.EndsWith("_mirror", StringComparison.Ordinal)) continue;
            string? caption = Caption(description);
            string relative = Path.GetRelativePath(stamps, stem);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (caption is null || parts.Length < 2) continue;
            string category = parts[0], name = string.Join('_', parts[1..]) + ".png";
            string folder = Path.Combine(target, category), output = Path.Combine(folder, name);
            Directory.CreateDirectory(folder);
            if (File.Exists(stem + ".png")) File.Copy(stem + ".png", output, overwrite: true);
            else if (File.Exists(stem + ".svg") && OpenMoji.Render(stem + ".svg", output, SvgSide)) rendered++;
            else { unreadable++; continue; }
            captions[$"{category}/{name}"] = caption;
            perCategory[category] = perCategory.GetValueOrDefault(category) + 1;
        }
        if (captions.Count == 0) throw new GanSharpException($"{stamps}: no stamp with a description and a picture");
        Text.Captions.Write(Path.Combine(target, Text.Captions.FileName), captions);
        File.WriteAllText(Path.Combine(target, "LICENSE.txt"),
            "Tux Paint stamps (Debian package tuxpaint-stamps-default), GNU General Public License version 2;\n" +
            "authors and the full terms: /usr/share/doc/tuxpaint-stamps-default/copyright and /usr/share/common-licenses/GPL-2.\n");
        File.WriteAllText(Path.Combine(target, ".complete"), Package + "\n");
        say($"{captions.Count:N0} captioned stamps in {perCategory.Count} categories ({string.Join(", ", perCategory.Select(kv => $"{kv.Key} {kv.Value}"))})" +
            $"{(rendered > 0 ? $"; {rendered} rendered from SVG at {SvgSide}×{SvgSide}" : "")}{(unreadable > 0 ? $"; {unreadable} without a readable picture left out" : "")}");
        say("licence: GPL-2 (Tux Paint's stamp artists; /usr/share/doc/tuxpaint-stamps-default/copyright)");
        return target;
    }

    /// <summary>The first line of a stamp's description ("A frog." → "a frog"), or null when it has none; the other lines are translations (xx.utf8=…).</summary>
    public static string? Caption(string descriptionFile)
    {
        var first = File.ReadLines(descriptionFile).FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(first) || first.Contains(".utf8=", StringComparison.Ordinal)) return null;
        first = first.TrimEnd('.', ' ');
        return first.Length == 0 ? null : char.ToLowerInvariant(first[0]) + first[1..];
    }
}
