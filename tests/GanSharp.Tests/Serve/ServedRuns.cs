using Xunit;
using GanSharp.Serve;
using GanSharp.Tests.Training;
using GanSharp.Training;

namespace GanSharp.Tests.Serve;

/// <summary>
/// A runs folder with one finished tiny DCGAN run ("finished": 4 steps, sample grids at 2 and 4)
/// and a dashboard serving it on a free port, polling every 100 ms. Shared by the server's tests.
/// </summary>
public sealed class ServedRuns : IAsyncLifetime
{
    private readonly TempFolder tmp = TestSetup.Temp();
    public DashboardServer Server { get; private set; } = null!;
    public string Runs => tmp.Path;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Train("finished", steps: 4);
        Server = await DashboardServer.StartAsync(new DashboardOptions(Runs, Port: 0, Poll: TimeSpan.FromMilliseconds(100)));
        Http = new HttpClient { BaseAddress = Server.Address };
    }

    /// <summary>Trains a tiny run named <paramref name="name"/> in the runs folder to its end.</summary>
    public void Train(string name, long steps)
    {
        using var s = TrainingSession.Create(TinyRuns.Dcgan(), TinyRuns.Trainer(steps) with { SampleEvery = 2 }, new RunDirectory(tmp.File(name)), _ => { });
        s.Train(Array.Empty<ITrainingCallback>());
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        tmp.Dispose();
    }
}
