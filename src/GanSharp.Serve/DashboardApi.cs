using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GanSharp.Serve;

/// <summary>
/// The endpoints. Pages: / (the single-page front end) and /assets/NAME. API, all GET and read-only:
/// /api/runs (the list), /api/runs/NAME (the run page's report), /api/runs/NAME/metrics (every
/// record), /api/runs/NAME/events (server-sent events: new metrics records, status and pictures),
/// /api/runs/NAME/files/PATH (a picture or result file of the run). A name or path that is not
/// one of the runs folder's own gets 404, whatever it looks like. The user study's endpoints are <see cref="Study.StudyApi"/>'s.
/// </summary>
public static class DashboardApi
{
    public static void Map(IEndpointRouteBuilder app, RunsFolder runs, TimeSpan poll, Random random)
    {
        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/assets/{name}", (string name) => Asset(name));
        app.MapGet("/api/runs", () => Results.Json(runs.RunNames().Select(n => RunSummary.Of(n, runs.Run(n)!)).ToList()));
        app.MapGet("/api/runs/{name}", (string name) =>
            runs.Run(name) is { } run ? Results.Json(RunReport.Of(name, run)) : Results.NotFound());
        app.MapGet("/api/runs/{name}/metrics", (string name) =>
            runs.Run(name) is { } run ? Results.Json(MetricsFile.ReadFrom(run.Metrics, 0)) : Results.NotFound());
        app.MapGet("/api/runs/{name}/events", async (string name, HttpContext context) =>
        {
            if (runs.Run(name) is not { } run) { context.Response.StatusCode = StatusCodes.Status404NotFound; return; }
            if (Offset(context) is not long offset) { context.Response.StatusCode = StatusCodes.Status400BadRequest; return; }
            await LiveEvents.Stream(context, name, run, offset, poll);
        });
        app.MapGet("/api/runs/{name}/files/{**path}", (string name, string path) => File(runs, name, path));
        Study.StudyApi.Map(app, runs, random);
    }

    private static IResult Asset(string name) =>
        Assets.Find(name) is var (bytes, type) ? Results.Bytes(bytes, type) : Results.NotFound();

    private static IResult File(RunsFolder runs, string name, string path)
    {
        if (runs.Run(name) is not { } run || runs.FileOf(run, path) is not { } file || RunFileTypes.ContentTypeOf(file) is not { } type)
            return Results.NotFound();
        return Results.File(file, type, enableRangeProcessing: false);
    }

    /// <summary>
    /// The byte of metrics.jsonl a live page has read up to: ?offset=N, or the Last-Event-ID header of
    /// a reconnecting EventSource; 0 when neither is there, null when not a whole number ≥ 0.
    /// </summary>
    private static long? Offset(HttpContext context)
    {
        var text = context.Request.Headers["Last-Event-ID"].Count > 0 ? context.Request.Headers["Last-Event-ID"] : context.Request.Query["offset"];
        if (text.Count == 0) return 0;
        return text.Count == 1 && long.TryParse(text[0], System.Globalization.NumberStyles.None, null, out long offset) ? offset : null;
    }
}
