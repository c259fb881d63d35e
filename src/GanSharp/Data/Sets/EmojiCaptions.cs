using System.Text.Json;
using GanSharp.Data.Text;

namespace GanSharp.Data.Sets;

/// <summary>
/// Descriptions of emoji from emoji-datasource's emoji.json, for text-to-image families: the
/// Unicode name in lower case, the short names that add words to it in parentheses, and a skin-tone
/// variant's tones after a colon ("waving hand sign (wave): medium-dark skin tone").
/// </summary>
public static class EmojiCaptions
{
    private static readonly Dictionary<string, string> Tones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["1F3FB"] = "light", ["1F3FC"] = "medium-light", ["1F3FD"] = "medium", ["1F3FE"] = "medium-dark", ["1F3FF"] = "dark",
    };

    /// <summary>The description of an emoji entry (without skin tone).</summary>
    public static string Describe(JsonElement emoji)
    {
        string name = (Text(emoji, "name") ?? Text(emoji, "short_name")?.Replace('_', ' ') ?? Path.GetFileNameWithoutExtension(Text(emoji, "image")) ?? "emoji").ToLowerInvariant();
        var words = Vocabulary.Tokenise(name).ToHashSet(StringComparer.Ordinal);
        var extra = emoji.TryGetProperty("short_names", out var shorts)
            ? shorts.EnumerateArray().Select(e => e.GetString()!.Replace('_', ' '))
                .Where(a => !a.StartsWith("flag-", StringComparison.Ordinal) && !Vocabulary.Tokenise(a).All(words.Contains)).ToList()
            : new List<string>();
        return extra.Count == 0 ? name : $"{name} ({string.Join(", ", extra)})";
    }

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    /// <summary>A skin variation's description: the emoji's, then each tone of its key ("1F3FB-1F3FD").</summary>
    public static string WithTones(string description, string key) =>
        $"{description}: {string.Join(", ", key.Split('-').Select(t => $"{Tones.GetValueOrDefault(t, t.ToLowerInvariant())} skin tone"))}";
}
