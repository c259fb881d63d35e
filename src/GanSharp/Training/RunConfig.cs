using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GanSharp.Recipes;
using GanSharp.Recipes.Options;
using static GanSharp.Recipes.Options.Check;
using GanSharp.Runtime;

namespace GanSharp.Training;

/// <summary>
/// config.json: everything needed to understand and resume a run — the family, its resolved
/// options (the family's record), the trainer's options, versions, data source and shape, native
/// settings and the outcome of the convolution check. Strict: unknown keys are an error.
/// </summary>
public sealed record RunConfig
{
    public required string GanSharpVersion { get; init; }
    public required string TorchSharpVersion { get; init; }
    public required string Family { get; init; }
    /// <summary>The family's options record; written as "options" by <see cref="Save"/>, read by the family's type.</summary>
    [JsonIgnore]
    public FamilyOptions Options { get; init; } = null!;
    public required TrainerOptions Trainer { get; init; }
    public required long TotalSteps { get; init; }
    public required string DataSource { get; init; }
    /// <summary>The shape of the training samples the networks were built for (null in runs made before it was recorded).</summary>
    public Data.DataShape? DataShape { get; init; }
    /// <summary>Class names by label when labels come from an image folder's subfolders; null otherwise.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
    public RuntimeInfo? Runtime { get; init; }
    public ConvolutionCheck.Result? ConvolutionCheck { get; init; }
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;
    /// <summary>What each `gan resume` changed ("step 300: --lr-d 0.0002 → 0.0001"), oldest first; null when nothing was.</summary>
    public IReadOnlyList<string>? Changes { get; init; }

    /// <summary>Strict JSON: unknown keys are an error, so a typo in a hand-edited config is caught.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>For the "gan" options of configs written before families had their own records: keys a family no longer has are dropped.</summary>
    private static readonly JsonSerializerOptions Legacy = new(Json) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    public static string Version(Type t) =>
        t.Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <summary>The options as config.json holds them: camelCase keys of the family's record, base-record options first, as `gan train FAMILY --help` lists them.</summary>
    public static JsonObject OptionsJson(FamilyOptions options)
    {
        var node = JsonSerializer.SerializeToNode(options, options.GetType(), Json)!.AsObject();
        var order = FlagProperty.Of(options.GetType()).Select(f => Json.PropertyNamingPolicy!.ConvertName(f.Property.Name)).ToList();
        var ordered = new JsonObject();
        foreach (var (key, value) in node.OrderBy(kv => order.IndexOf(kv.Key)).ToList())
        {
            node.Remove(key);
            ordered[key] = value;
        }
        return ordered;
    }

    public void Save(string path)
    {
        var rest = JsonSerializer.SerializeToNode(this, Json)!.AsObject();
        var ordered = new JsonObject { ["family"] = Family, ["options"] = OptionsJson(Options) };
        foreach (var (key, value) in rest.ToList())
        {
            if (key == "family") continue;
            rest.Remove(key);
            ordered[key] = value;
        }
        AtomicFile.WriteAllText(path, ordered.ToJsonString(Json));
    }

    public static RunConfig Load(string path)
    {
        if (!File.Exists(path)) throw new GanSharpException($"{path}: not found (is this a GanSharp run folder?)");
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new GanSharpException($"{path}: not a JSON object");
            var (family, options) = ReadOptions(node, path);
            var config = node.Deserialize<RunConfig>(Json) ?? throw new GanSharpException($"{path}: empty configuration");
            if (config.Trainer is null) throw new GanSharpException($"{path}: no \"trainer\"");
            if (config.TotalSteps < 1) throw new GanSharpException($"{path}: totalSteps must be positive, got {config.TotalSteps}");
            return config with { Family = family.Name, Options = options, Trainer = config.Trainer.Validated(here: false) };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw new GanSharpException($"{path}: invalid configuration: {e.Message}");
        }
        catch (GanSharpException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            // an edited or foreign config must pass the checks a command line does (a cadence of 0 would divide by zero)
            throw new GanSharpException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Takes "options" (or the older "gan") out of the node and reads it as the family's record.</summary>
    private static (Family, FamilyOptions) ReadOptions(JsonObject node, string path)
    {
        bool legacy = node["options"] is null && node["gan"] is JsonObject;
        var raw = (node[legacy ? "gan" : "options"] as JsonObject) ?? throw new GanSharpException($"{path}: no \"options\"");
        node.Remove(legacy ? "gan" : "options");
        string name = (legacy ? raw["family"] : node["family"])?.GetValue<string>() ?? throw new GanSharpException($"{path}: no \"family\"");
        if (legacy) node["family"] = name;
        var family = Families.Named(name);
        return (family, OptionsFromJson(family, raw, legacy).Validated());
    }

    /// <summary>A family's options record from config.json's "options" object (strict; <paramref name="legacy"/>: the older "gan" object, whose extra keys are dropped), unvalidated.</summary>
    public static FamilyOptions OptionsFromJson(Family family, JsonObject json, bool legacy = false)
    {
        var options = (FamilyOptions)(json.Deserialize(family.OptionsType, legacy ? Legacy : Json) ?? throw new GanSharpException("empty options"));
        return options with { Family = family.Name };
    }
}
