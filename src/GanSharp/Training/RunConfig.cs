using System.Text.Json;
using System.Text.Json.Serialization;
using GanSharp.Recipes;
using GanSharp.Runtime;

namespace GanSharp.Training;

/// <summary>
/// config.json: everything needed to understand and resume a run — resolved options, versions,
/// seed, data source, native settings and the outcome of the convolution check.
/// </summary>
public sealed record RunConfig
{
    public required string GanSharpVersion { get; init; }
    public required string TorchSharpVersion { get; init; }
    public required GanOptions Gan { get; init; }
    public required TrainerOptions Trainer { get; init; }
    public required long TotalSteps { get; init; }
    public required string DataSource { get; init; }
    /// <summary>The shape of the training samples the networks were built for (null in runs made before it was recorded).</summary>
    public Data.DataShape? DataShape { get; init; }
    public RuntimeInfo? Runtime { get; init; }
    public ConvolutionCheck.Result? ConvolutionCheck { get; init; }
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Strict JSON: unknown keys are an error, so a typo in a hand-edited config is caught.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Version(Type t) =>
        t.Assembly.GetName().Version?.ToString(3) ?? "unknown";

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static RunConfig Load(string path)
    {
        if (!File.Exists(path)) throw new GanSharpException($"{path}: not found (is this a GanSharp run folder?)");
        try
        {
            return JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(path), Json)
                ?? throw new GanSharpException($"{path}: empty configuration");
        }
        catch (JsonException e)
        {
            throw new GanSharpException($"{path}: invalid configuration: {e.Message}");
        }
    }
}
