using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace GanSharp.Sweeps;

/// <summary>A YAML document as the JSON tree it stands for (plain scalars that read as numbers or booleans become those), so one strict reader serves both formats.</summary>
internal static class YamlAsJson
{
    public static JsonNode? Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => new KeyValuePair<string, JsonNode?>(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(Convert).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s => Plain(s.Value),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };

    private static JsonNode? Plain(string? value)
    {
        if (value is null or "~" or "null") return null;
        if (value is "true" or "false") return JsonValue.Create(value == "true");
        // Numbers as JSON text, so they read as int, long or double alike, as numbers of a JSON file do.
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l)) return JsonNode.Parse(l.ToString(CultureInfo.InvariantCulture));
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)) return JsonNode.Parse(d.ToString("R", CultureInfo.InvariantCulture));
        return JsonValue.Create(value);
    }
}
