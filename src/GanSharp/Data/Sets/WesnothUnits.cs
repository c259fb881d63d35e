namespace GanSharp.Data.Sets;

/// <summary>
/// Battle for Wesnoth's unit sprites (Debian wesnoth-1.16-data) as an image folder by faction: every
/// 72×72 frame (standing, attacking, defending, dying) of units/FACTION/, copied into FACTION/ of a
/// folder in the data root, leaving out the loose pictures (dice, unknown unit) that belong to no faction.
/// </summary>
public static class WesnothUnits
{
    public const string Package = "wesnoth-1.16-data";
    public const string Images = "/usr/share/games/wesnoth/1.16/data/core/images";

    public static string Prepare(string images, string dataRoot, Action<string> say)
    {
        string target = Path.Combine(dataRoot, "wesnoth-units-1.16");
        if (File.Exists(Path.Combine(target, ".complete"))) return target;
        string units = Path.Combine(images, "units");
        if (!Directory.Exists(units)) throw new GanSharpException($"{images}: no units folder (is {Package} complete?)");
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        var counts = new List<string>();
        int total = 0;
        foreach (var faction in Directory.GetDirectories(units).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(faction);
            var files = Directory.GetFiles(faction, "*.png", SearchOption.AllDirectories);
            foreach (var file in files)
            {
                // frames in sub-folders keep their path in the name, so no two collide
                string flat = Path.GetRelativePath(faction, file).Replace(Path.DirectorySeparatorChar, '_');
                Directory.CreateDirectory(Path.Combine(target, name));
                File.Copy(file, Path.Combine(target, name, flat), overwrite: true);
            }
            counts.Add($"{name} {files.Length}");
            total += files.Length;
        }
        File.WriteAllText(Path.Combine(target, "LICENSE.txt"),
            "Unit sprites of Battle for Wesnoth 1.16 (Debian package wesnoth-1.16-data), GNU General Public License version 2 or later;\n" +
            "authors and the full terms: /usr/share/doc/wesnoth-1.16-data/copyright and /usr/share/common-licenses/GPL-2.\n");
        File.WriteAllText(Path.Combine(target, ".complete"), Package + "\n");
        say($"{total:N0} unit sprites in {counts.Count} factions ({string.Join(", ", counts)})");
        say("licence: GPL-2+ (the Battle for Wesnoth project; /usr/share/doc/wesnoth-1.16-data/copyright)");
        return target;
    }
}
