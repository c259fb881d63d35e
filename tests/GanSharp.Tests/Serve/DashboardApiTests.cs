using Xunit;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GanSharp.Tests.Serve;

public sealed class DashboardApiTests(ServedRuns served) : IClassFixture<ServedRuns>
{
    private async Task<JsonNode> Json(string url)
    {
        var response = await served.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task RunsList_ShowsTheFinishedRun_WithItsFamilyStepsAndStatus()
    {
        var run = (await Json("/api/runs")).AsArray().Single(r => r!["name"]!.GetValue<string>() == "finished")!;
        Assert.Equal("dcgan", run["family"]!.GetValue<string>());
        Assert.Equal("finished", run["status"]!.GetValue<string>());
        Assert.Equal(4, run["step"]!.GetValue<long>());
        Assert.Equal(4, run["totalSteps"]!.GetValue<long>());
        Assert.Null(run["problem"]);
    }

    [Fact]
    public async Task RunReport_ListsTheSampleGridsOnDisk_AndServesThemAsPng()
    {
        var report = await Json("/api/runs/finished");
        Assert.Equal(new long[] { 2, 4 }, report["sampleSteps"]!.AsArray().Select(s => s!.GetValue<long>()));
        Assert.Equal("dcgan", report["config"]!["family"]!.GetValue<string>());
        var png = await served.Http.GetAsync("/api/runs/finished/files/samples/step-000004.png");
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(served.Runs, "finished", "samples", "step-000004.png")), await png.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Metrics_AreTheRecordsOfMetricsJsonl()
    {
        var records = (await Json("/api/runs/finished/metrics"))["records"]!.AsArray();
        var onDisk = File.ReadAllLines(Path.Combine(served.Runs, "finished", "metrics.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(onDisk.Select(r => r["step"]!.GetValue<long>()), records.Select(r => r!["step"]!.GetValue<long>()));
        Assert.Equal(onDisk.Select(r => r["loss/d"]!.GetValue<double>()), records.Select(r => r!["loss/d"]!.GetValue<double>()));
    }

    [Theory]
    [InlineData("/api/runs/finished/files/../config.json")]
    [InlineData("/api/runs/finished/files/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/runs/finished/files/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/api/runs/finished/files/samples%2F..%2F..%2Ffinished%2Fconfig.json")]
    [InlineData("/api/runs/..%2F..%2Fetc/files/passwd")]
    [InlineData("/api/runs/%2e%2e/files/passwd")]
    [InlineData("/api/runs/finished/files/checkpoints/last.ckpt")]   // not a kind of file the server hands out
    [InlineData("/api/runs/finished/files/.lock-owner")]
    [InlineData("/api/runs/finished/files/%2Fetc%2Fpasswd")]
    [InlineData("/api/runs/nosuchrun")]
    [InlineData("/assets/..%2F..%2FGanSharp.Serve.csproj")]
    public async Task PathsThatLeaveTheRunsFolder_Get404(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(served.Server.Address, url));
        var response = await served.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SymbolicLinks_AreNotFollowed_NeitherRunsNorFiles()
    {
        using var outside = TestSetup.Temp();
        File.WriteAllText(outside.File("secret.json"), "{\"secret\": 1}");
        File.WriteAllText(outside.File("config.json"), "{}");
        Directory.CreateSymbolicLink(Path.Combine(served.Runs, "linked-run"), outside.Path);
        File.CreateSymbolicLink(Path.Combine(served.Runs, "finished", "secret.json"), outside.File("secret.json"));
        Directory.CreateSymbolicLink(Path.Combine(served.Runs, "finished", "away"), outside.Path);
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await served.Http.GetAsync("/api/runs/linked-run")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await served.Http.GetAsync("/api/runs/linked-run/files/secret.json")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await served.Http.GetAsync("/api/runs/finished/files/secret.json")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await served.Http.GetAsync("/api/runs/finished/files/away/secret.json")).StatusCode);
            Assert.DoesNotContain("linked-run", (await Json("/api/runs")).AsArray().Select(r => r!["name"]!.GetValue<string>()));
            Assert.False((await Json("/api/runs/finished"))["results"]!.AsObject().ContainsKey("secret.json"));
        }
        finally
        {
            File.Delete(Path.Combine(served.Runs, "finished", "secret.json"));
            Directory.Delete(Path.Combine(served.Runs, "finished", "away"));
            Directory.Delete(Path.Combine(served.Runs, "linked-run"));
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("12abc")]
    [InlineData("1e3")]
    public async Task Events_WithAnOffsetThatIsNotAByteCount_Get400(string offset)
    {
        var response = await served.Http.GetAsync($"/api/runs/finished/events?offset={offset}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Events_PushARecordAppendedToMetrics_FromTheOffsetGiven()
    {
        var path = Path.Combine(served.Runs, "finished", "metrics.jsonl");
        long end = new FileInfo(path).Length;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await served.Http.GetAsync($"/api/runs/finished/events?offset={end}", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var original = await File.ReadAllTextAsync(path);
        try
        {
            await File.AppendAllTextAsync(path, "{\"step\":5,\"loss/d\":0.25}\n{\"step\":6,\"loss/d\":0.5", cancel.Token);   // the second line is still being written
            var (kind, id, data) = await NextEvent(reader, "metrics", cancel.Token);
            var records = JsonNode.Parse(data)!.AsArray();
            Assert.Equal(5, records.Single()!["step"]!.GetValue<long>());
            Assert.Equal(0.25, records.Single()!["loss/d"]!.GetValue<double>(), 12);
            Assert.Equal(end + "{\"step\":5,\"loss/d\":0.25}\n".Length, long.Parse(id!));
        }
        finally
        {
            await File.WriteAllTextAsync(path, original, CancellationToken.None);
        }
    }

    /// <summary>Reads server-sent events until one of <paramref name="kind"/>: its kind, id and data.</summary>
    internal static async Task<(string Kind, string? Id, string Data)> NextEvent(StreamReader reader, string kind, CancellationToken cancel)
    {
        string? eventKind = null, id = null, data = null;
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            if (line.StartsWith("event: ")) eventKind = line[7..];
            else if (line.StartsWith("id: ")) id = line[4..];
            else if (line.StartsWith("data: ")) data = line[6..];
            else if (line.Length == 0)
            {
                if (eventKind == kind && data is not null) return (eventKind, id, data);
                (eventKind, id, data) = (null, null, null);
            }
        }
        throw new EndOfStreamException($"the stream ended before a {kind} event");
    }
}
