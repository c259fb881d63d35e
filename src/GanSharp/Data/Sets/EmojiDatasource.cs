using System.Text.Json;

namespace GanSharp.Data.Sets;

/// <summary>
/// Lays out an emoji-datasource package (emoji.json, img/STYLE/64/*.png) as an image folder: one
/// subfolder per category (the labels of --labels folders), every emoji and skin-tone variant the
/// style has, LICENSE.txt with the images' and the metadata's licences, and captions.tsv with
/// every image's description (<see cref="EmojiCaptions"/>). Files keep their code point names, so
/// the same emoji in two styles pairs by file name.
/// </summary>
public static class EmojiDatasource
{
    /// <summary>The licence of each style's images, as the package's README states it.</summary>
    private static readonly Dictionary<string, string> ImageLicences = new()
    {
        ["google"] = "Noto Emoji images by Google, Apache License 2.0 (https://github.com/googlefonts/noto-emoji/blob/main/LICENSE)",
        ["twitter"] = "Twemoji graphics by Twitter, Inc. and other contributors, CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
    };

    public static Action<string, string, Action<string>> For(string style) => (package, target, say) => Prepare(package, style, target, say);

    public static int Prepare(string package, string style, string target, Action<string> say)
    {
        string json = Path.Combine(package, "emoji.json");
        if (!File.Exists(json)) throw new GanSharpException($"{package}: no emoji.json (not an emoji-datasource package?)");
        string images = Path.Combine(package, "img", style, "64");
        if (!Directory.Exists(images)) throw new GanSharpException($"{package}: no img/{style}/64 folder");
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        int copied = 0;
        var perCategory = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var captions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var emoji in doc.RootElement.EnumerateArray())
        {
            string category = Slug(emoji.GetProperty("category").GetString() ?? "other");
            string description = EmojiCaptions.Describe(emoji);
            var variants = new List<(JsonElement Entry, string Description)> { (emoji, description) };
            if (emoji.TryGetProperty("skin_variations", out var skins) && skins.ValueKind == JsonValueKind.Object)
                variants.AddRange(skins.EnumerateObject().Select(p => (p.Value, EmojiCaptions.WithTones(description, p.Name))));
            foreach (var (v, text) in variants)
            {
                if (!v.TryGetProperty($"has_img_{style}", out var has) || !has.GetBoolean()) continue;
                string name = v.GetProperty("image").GetString()!;
                string from = Path.Combine(images, name);
                if (!File.Exists(from)) continue;
                Directory.CreateDirectory(Path.Combine(target, category));
                File.Copy(from, Path.Combine(target, category, name), overwrite: true);
                captions[$"{category}/{name}"] = text;
                copied++;
                perCategory[category] = perCategory.GetValueOrDefault(category) + 1;
            }
        }
        if (copied == 0) throw new GanSharpException($"{package}: emoji.json lists no {style} images that are there");
        GanSharp.Data.Text.Captions.Write(Path.Combine(target, GanSharp.Data.Text.Captions.FileName), captions);
        string metadataLicence = File.Exists(Path.Combine(package, "LICENSE")) ? File.ReadAllText(Path.Combine(package, "LICENSE")) : "";
        File.WriteAllText(Path.Combine(target, "LICENSE.txt"),
            $"Images: {ImageLicences.GetValueOrDefault(style, "see the package's README")}\n\n" +
            $"Categories and names (emoji.json of the emoji-datasource package):\n{metadataLicence}");
        say($"{copied:N0} {style} emoji in {perCategory.Count} categories ({string.Join(", ", perCategory.Select(kv => $"{kv.Key} {kv.Value}"))})");
        say($"licence: {ImageLicences.GetValueOrDefault(style, "see the package's README")}; emoji.json: MIT");
        return copied;
    }

    /// <summary>"Smileys &amp; Emotion" → "smileys-and-emotion".</summary>
    public static string Slug(string category) => category.Replace(" & ", "-and-").Replace(' ', '-').ToLowerInvariant();
}
