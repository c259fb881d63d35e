using Xunit;
using GanSharp.Serve;

namespace GanSharp.Tests.Serve;

public sealed class MetricsFileTests
{
    [Fact]
    public void ReadFrom_TakesCompleteLinesOnly_AndReturnsTheOffsetAfterThem()
    {
        using var tmp = TestSetup.Temp();
        var path = tmp.File("metrics.jsonl");
        const string first = "{\"step\":1}\n", second = "{\"step\":2}\n";
        File.WriteAllText(path, first + second + "{\"step\":3");   // the last write was cut
        var chunk = MetricsFile.ReadFrom(path, 0);
        Assert.Equal(new long[] { 1, 2 }, chunk.Records.Select(r => r["step"]!.GetValue<long>()));
        Assert.Equal(first.Length + second.Length, chunk.Offset);
        File.AppendAllText(path, "}\n");
        var next = MetricsFile.ReadFrom(path, chunk.Offset);
        Assert.Equal(3, next.Records.Single()["step"]!.GetValue<long>());
        Assert.Equal(new FileInfo(path).Length, next.Offset);
        Assert.False(next.Restarted);
    }

    [Fact]
    public void ReadFrom_AFileThatShrank_StartsAgain_AndSaysSo()
    {
        using var tmp = TestSetup.Temp();
        var path = tmp.File("metrics.jsonl");
        File.WriteAllText(path, "{\"step\":1}\n{\"step\":2}\n{\"step\":3}\n");
        long end = new FileInfo(path).Length;
        File.WriteAllText(path, "{\"step\":1}\n");   // a resume from step 1 dropped the records past it
        var chunk = MetricsFile.ReadFrom(path, end);
        Assert.True(chunk.Restarted);
        Assert.Equal(1, chunk.Records.Single()["step"]!.GetValue<long>());
    }

    [Fact]
    public void TryReadAll_SkipsAndCountsLinesThatAreNotObjects()
    {
        using var tmp = TestSetup.Temp();
        var path = tmp.File("metrics.jsonl");
        File.WriteAllText(path, "{\"step\":1}\nnot json\n[1, 2]\n{\"step\":4}\n");
        var (records, problem) = MetricsFile.TryReadAll(path);
        Assert.Equal(new long[] { 1, 4 }, records.Select(r => r["step"]!.GetValue<long>()));
        Assert.Contains("2 line(s)", problem);
        Assert.Contains(path, problem);
    }
}
