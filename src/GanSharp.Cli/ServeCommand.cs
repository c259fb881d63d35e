using System.CommandLine;
using GanSharp.Serve;

namespace GanSharp.Cli;

/// <summary>`gan serve`: the web dashboard of a runs folder, on 127.0.0.1 unless told otherwise; Ctrl+C ends it.</summary>
public static class ServeCommand
{
    public static Command Build(CliConsole console)
    {
        var runs = new Option<string>("--runs") { Description = "the runs folder to show (nothing outside it is served)", DefaultValueFactory = _ => "runs" };
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one)", DefaultValueFactory = _ => 5050 };
        var host = new Option<string>("--host") { Description = "address to listen on; anything but 127.0.0.1 lets other machines read the runs", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("serve", "A web dashboard of the runs: their status, curves that update while they train, sample grids over steps, pictures, evaluations, and comparisons.")
            { runs, port, host };
        command.SetAction(parse =>
        {
            var options = new DashboardOptions(parse.GetValue(runs)!, parse.GetValue(host)!, parse.GetValue(port));
            if (!options.IsLoopback)
                console.Error.WriteLine($"warning: --host {options.Host} serves every run in {options.Runs} to anyone who can reach this machine; there is no login");
            var server = DashboardServer.StartAsync(options).GetAwaiter().GetResult();
            console.Line($"serving {Path.GetFullPath(options.Runs)} at {server.Address} (Ctrl+C ends)");
            server.WaitAsync(CancellationToken.None).GetAwaiter().GetResult();
            return ExitCode.Ok;
        });
        return command;
    }
}
