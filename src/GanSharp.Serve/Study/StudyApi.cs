using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GanSharp.Serve.Study;

/// <summary>
/// The study's endpoints: /api/studies (list), /api/studies/NAME (one), POST …/next {rater} (the
/// rater's next trial; 204 when they are done), …/images/ID (a PNG), POST …/answers {trial, rater,
/// answer, millis}, …/results, …/ratings.csv. The studies file is read where `gan study create`
/// made it (RUNS/studies.db); serving never creates it.
/// </summary>
public static class StudyApi
{
    public sealed record NextRequest(string? Rater);
    public sealed record AnswerRequest(long Trial, string? Rater, string? Answer, int Millis);

    public static void Map(IEndpointRouteBuilder app, RunsFolder runs, Random random)
    {
        var path = Path.Combine(runs.Root, StudyStore.FileName);
        StudyStore? Store() => File.Exists(path) ? StudyStore.Open(path) : null;
        (StudyStore, StudyInfo)? Find(string name) => Store() is { } s && s.Find(name) is { } study ? (s, study) : null;

        app.MapGet("/api/studies", () => Results.Json(Store()?.Studies().Select(s => Listed(Store()!, s)).ToList() ?? new List<object>()));
        app.MapGet("/api/studies/{name}", (string name) => Find(name) is var (s, study) ? Results.Json(Listed(s, study)) : Results.NotFound());
        app.MapPost("/api/studies/{name}/next", async (string name, HttpContext context) =>
        {
            if (Find(name) is not var (s, study)) return Results.NotFound();
            if (await Body<NextRequest>(context) is not { } request || !StudyStore.IsRaterName(request.Rater)) return Results.BadRequest("rater: 1 to 64 printable characters");
            Trial? trial;
            lock (random) trial = new StudyTrials(s).Next(study, request.Rater!.Trim(), random);
            return trial is null ? Results.NoContent() : Results.Json(trial);
        });
        app.MapGet("/api/studies/{name}/images/{id:long}", (string name, long id) =>
            Find(name) is var (s, study) && s.Image(study, id) is { } png ? Results.Bytes(png, "image/png") : Results.NotFound());
        app.MapPost("/api/studies/{name}/answers", async (string name, HttpContext context) =>
        {
            if (Find(name) is not var (s, study)) return Results.NotFound();
            if (await Body<AnswerRequest>(context) is not { } a || !StudyStore.IsRaterName(a.Rater) || a.Answer is null) return Results.BadRequest("trial, rater, answer and millis");
            return new StudyTrials(s).Answer(study, a.Trial, a.Rater!.Trim(), a.Answer, a.Millis) switch
            {
                AnswerOutcome.Recorded => Results.NoContent(),
                AnswerOutcome.NoSuchTrial => Results.NotFound(),
                AnswerOutcome.AlreadyAnswered => Results.Conflict("this trial is answered already"),
                _ => Results.BadRequest($"answer is one of {string.Join(", ", StudyModes.Answers(study.Mode))}, millis between 0 and 3,600,000"),
            };
        });
        app.MapGet("/api/studies/{name}/results", (string name) =>
            Find(name) is var (s, study) ? Results.Json(StudyResults.Of(study, new StudyTrials(s).Ratings(study))) : Results.NotFound());
        app.MapGet("/api/studies/{name}/ratings.csv", (string name) =>
            Find(name) is var (s, study) ? Results.Text(StudyResults.Csv(study, new StudyTrials(s).Ratings(study)), "text/csv; charset=utf-8") : Results.NotFound());
    }

    private static object Listed(StudyStore store, StudyInfo study) =>
        new { study.Name, study.Mode, study.Seconds, study.Created, study.Images, Runs = study.Runs.Select(r => r.Run), Ratings = new StudyTrials(store).Ratings(study).Count };

    /// <summary>The request's JSON body as <typeparamref name="T"/>, or null when it is not (too big, not JSON, wrong shape).</summary>
    private static async Task<T?> Body<T>(HttpContext context) where T : class
    {
        if (context.Request.ContentLength is > 4096) return null;
        try
        {
            return await context.Request.ReadFromJsonAsync<T>(new JsonSerializerOptions(JsonSerializerDefaults.Web), context.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException) { return null; }
    }
}
