using GanSharp.Training;

namespace GanSharp.Serve;

/// <summary>One line of the runs list: what the run is, how far it got, and how it is doing.</summary>
public sealed record RunSummary(
    string Name, string Family, string Data, string Status, long Step, long TotalSteps,
    double? Fid, double? ImagesPerSecond, DateTimeOffset Updated, string? Problem)
{
    /// <summary>Reads the run's config, the last records of metrics.jsonl and its status; a file that does not read is named in <see cref="Problem"/>.</summary>
    public static RunSummary Of(string name, RunDirectory run)
    {
        string family = "?", data = "?";
        long total = 0;
        string? problem = null;
        try
        {
            var config = RunConfig.Load(run.Config);
            (family, data, total) = (config.Family, config.DataSource, config.TotalSteps);
        }
        catch (GanSharpException e) { problem = e.Message; }
        var metrics = MetricsFile.LatestOf(run.Metrics);
        return new RunSummary(name, family, data, StatusName(RunActivity.Of(run)), metrics.Step, total, metrics.Fid, metrics.ImagesPerSecond,
            LastWrite(run), problem ?? metrics.Problem);
    }

    public static string StatusName(RunStatus status) => status.ToString().ToLowerInvariant();

    private static DateTimeOffset LastWrite(RunDirectory run) =>
        new[] { run.Metrics, run.Log, run.Config }.Where(File.Exists).Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.UnixEpoch).Max();
}
