using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanSharp.Training;

namespace GanSharp.Serve;

/// <summary>
/// Everything the run page shows besides the curves: the summary, config.json as written, the
/// steps that have a sample grid, the run's other pictures (loss plot, nearest neighbours, class
/// grids, translations, renders: whatever PNG or GIF files the commands left in the folder) and its
/// evaluation results (every other JSON file there: eval.json, levels.json, classes.json …).
/// </summary>
public sealed partial record RunReport(
    RunSummary Summary, JsonNode? Config, IReadOnlyList<long> SampleSteps,
    IReadOnlyList<string> Pictures, IReadOnlyDictionary<string, JsonNode?> Results)
{
    public static RunReport Of(string name, RunDirectory run)
    {
        var pictures = Files(run.Root).Where(f => f.EndsWith(".png") || f.EndsWith(".gif")).ToList();
        var results = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var file in Files(run.Root).Where(f => f.EndsWith(".json") && f != "config.json"))
            results[file] = TryParse(Path.Combine(run.Root, file));
        return new RunReport(RunSummary.Of(name, run), TryParse(run.Config), StepsWithGrids(run), pictures, results);
    }

    /// <summary>The steps of samples/step-NNNNNN.png, in order.</summary>
    public static IReadOnlyList<long> StepsWithGrids(RunDirectory run) =>
        !Directory.Exists(run.Samples) ? Array.Empty<long>()
            : Directory.EnumerateFiles(run.Samples).Select(f => StepFile().Match(Path.GetFileName(f)))
                .Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value)).Order().ToList();

    /// <summary>Names of the plain files directly in <paramref name="folder"/>, hidden ones and links left out.</summary>
    private static IEnumerable<string> Files(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles().Where(f => f.LinkTarget is null && RunsFolder.IsPlainName(f.Name))
            .Select(f => f.Name).Order(StringComparer.Ordinal);

    /// <summary>The file's JSON, or a string saying why it does not read (a viewer shows what it can).</summary>
    private static JsonNode? TryParse(string path)
    {
        try { return JsonNode.Parse(File.ReadAllText(path)); }
        catch (Exception e) when (e is JsonException or IOException) { return JsonValue.Create($"does not read: {e.Message}"); }
    }

    [GeneratedRegex(@"^step-(\d{1,12})\.png$")]
    private static partial Regex StepFile();
}
