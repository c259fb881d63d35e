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
    public static List<JsonObject> ReadAll(string path) => Read(path).Records;

    /// <summary>
    /// The records, and whether the last line was torn: a kill during a write leaves a line without
    /// its newline, which is dropped (the step is trained again after resume); any other bad line is an error naming it.
    /// </summary>
    public static (List<JsonObject> Records, bool TornLastLine) Read(string path)
    {
        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        var records = new List<JsonObject>();
        bool torn = false;
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            try
            {
                records.Add(JsonNode.Parse(lines[i]) as JsonObject ?? throw new JsonException("not an object"));
            }
            catch (JsonException e)
            {
                if (i == lines.Length - 1) { torn = true; continue; }   // no newline after it: the write was cut
                throw new GanSharpException($"{path}:{i + 1}: not a JSON object ({e.Message})");
            }
        }
        return (records, torn);
    }
}
