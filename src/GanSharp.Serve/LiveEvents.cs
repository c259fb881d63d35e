using System.Text.Json;
using GanSharp.Training;
using Microsoft.AspNetCore.Http;

namespace GanSharp.Serve;

/// <summary>
/// A run page's live feed (server-sent events, the browser's EventSource): every poll interval,
/// the new records of metrics.jsonl as one "metrics" event (a JSON array; its id is the offset to
/// read on from, which the browser sends back as Last-Event-ID when it reconnects), "reset" when the file shrank (a resume dropped records past its checkpoint: the page
/// reloads its history), and "summary" / "samples" when the status or the sample grids change.
/// </summary>
public static class LiveEvents
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task Stream(HttpContext context, string name, RunDirectory run, long offset, TimeSpan poll)
    {
        var response = context.Response;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var stop = context.RequestAborted;
        string? lastSummary = null, lastSamples = null;
        RunStatus? lastStatus = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var chunk = MetricsFile.ReadFrom(run.Metrics, offset);
                if (chunk.Restarted) await Send(response, "reset", "{}", null, stop);
                offset = chunk.Offset;
                if (chunk.Records.Count > 0)
                    await Send(response, "metrics", new System.Text.Json.Nodes.JsonArray(chunk.Records.Select(r => r.DeepClone()).ToArray()).ToJsonString(), offset, stop);
                var status = RunActivity.Of(run);   // cheap; the summary reads all of metrics.jsonl, so only when something changed
                if (status != lastStatus || chunk.Records.Count > 0)
                {
                    lastStatus = status;
                    var summary = JsonSerializer.Serialize(RunSummary.Of(name, run) with { Updated = default }, Web);
                    if (summary != lastSummary) await Send(response, "summary", lastSummary = summary, null, stop);
                }
                var samples = JsonSerializer.Serialize(RunReport.StepsWithGrids(run), Web);
                if (samples != lastSamples) await Send(response, "samples", lastSamples = samples, null, stop);
                await response.Body.FlushAsync(stop);
                await Task.Delay(poll, stop);
            }
        }
        catch (OperationCanceledException) { }   // the page closed or the server stops
    }

    private static Task Send(HttpResponse response, string kind, string json, long? id, CancellationToken stop) =>
        response.WriteAsync($"event: {kind}\n{(id is long i ? $"id: {i}\n" : "")}data: {json}\n\n", stop);
}
