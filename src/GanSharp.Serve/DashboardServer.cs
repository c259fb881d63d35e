using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GanSharp.Serve;

/// <summary>Where the dashboard listens and what it reads.</summary>
/// <param name="Runs">the runs folder; nothing outside it is served</param>
/// <param name="Host">an IP address or "localhost"; anything but a loopback address exposes the runs to the network</param>
/// <param name="Port">0 picks a free port (tests)</param>
/// <param name="Poll">how often live pages look for new metrics and pictures</param>
public sealed record DashboardOptions(string Runs, string Host = "127.0.0.1", int Port = 5050, TimeSpan? Poll = null)
{
    public TimeSpan PollInterval => Poll ?? TimeSpan.FromMilliseconds(500);

    /// <summary>The address to bind, or an error naming --host.</summary>
    public IPAddress Address() =>
        Host == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(Host, out var address) ? address
        : throw new GanSharpException($"--host {Host}: not an IP address (use 127.0.0.1, the default, or 0.0.0.0 for every interface)");

    public bool IsLoopback => IPAddress.IsLoopback(Address());
}

/// <summary>
/// `gan serve`: Kestrel on one address serving the front end (embedded files) and a read-only JSON
/// API over a runs folder (<see cref="DashboardApi"/>), with live updates as server-sent events.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication app;

    /// <summary>The address the server listens on, with the port it got.</summary>
    public Uri Address { get; }

    private DashboardServer(WebApplication app, Uri address) => (this.app, Address) = (app, address);

    public static async Task<DashboardServer> StartAsync(DashboardOptions options)
    {
        var runs = new RunsFolder(options.Runs);
        var address = options.Address();
        if (options.Port is < 0 or > 65535) throw new GanSharpException($"--port {options.Port}: a port is between 1 and 65535 (0 picks a free one)");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>(), ContentRootPath = runs.Root });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address, options.Port);
            k.Limits.MaxRequestBodySize = 64 * 1024;   // the only bodies are a study's small JSON answers
        });
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            // The pages load only their own files; nothing may frame them or sniff a type.
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'";
            await next(context);
        });
        DashboardApi.Map(app, runs, options.PollInterval, new Random());
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new GanSharpException($"cannot listen on {options.Host}:{options.Port} ({e.Message}); pick another --port");
        }
        var bound = app.Urls.First();
        return new DashboardServer(app, new Uri(bound.Replace("[::]", "localhost")));
    }

    /// <summary>Runs until <paramref name="stop"/> fires (Ctrl+C in the CLI).</summary>
    public Task WaitAsync(CancellationToken stop) => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(app, stop);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
