using GanSharp.Cli;

return GanCli.Run(args, Console.Out, Console.Error);
