using System.Text.Json;
using System.Text.Json.Nodes;
using GanSharp.Recipes;

namespace GanSharp.Training.Callbacks;

/// <summary>
/// metrics.jsonl: one JSON object per logged step with step, epoch, the step's named numbers,
/// images/s and wall time. On resume, lines past the checkpoint's step are dropped so the file
/// tells one consistent history. Keeps that history in memory for plots.
/// </summary>
public sealed class MetricsLog : ITrainingCallback
{
    private readonly string path;
    private readonly List<JsonObject> history = new();
    private StreamWriter? writer;

    public MetricsLog(string path) => this.path = path;

    /// <summary>Every logged record so far, oldest first.</summary>
    public IReadOnlyList<JsonObject> History => history;

    public void OnStart(TrainingState state)
    {
        history.Clear();
        if (File.Exists(path))
        {
            history.AddRange(ReadAll(path).Where(r => r["step"]?.GetValue<long>() <= state.Step));
            AtomicFile.WriteAllText(path, string.Concat(history.Select(r => r.ToJsonString() + "\n")));
        }
        writer = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    public void OnStep(TrainingState state, StepLog log)
    {
        var record = new JsonObject
        {
            ["step"] = state.Step,
            ["epoch"] = state.Epoch,
            ["images"] = state.ImagesSeen,
        };
        foreach (var (key, value) in log) record[key] = value;
        record["images_per_s"] = Math.Round(state.ImagesPerSecond, 1);
        record["train_s"] = Math.Round(state.TrainSeconds, 3);
        record["time"] = DateTimeOffset.UtcNow.ToString("O");
        history.Add(record);
        writer!.WriteLine(record.ToJsonString());
    }

    public void OnEnd(TrainingState state, TrainingOutcome outcome) => writer?.Dispose();

    /// <summary>Reads a metrics.jsonl file; a malformed line is reported with its number.</summary>
    public static List<JsonObject> ReadAll(string path)
    {
        var records = new List<JsonObject>();
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                records.Add(JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not an object"));
            }
            catch (JsonException e)
            {
                throw new GanSharpException($"{path}:{lineNumber}: not a JSON object ({e.Message})");
            }
        }
        return records;
    }
}
