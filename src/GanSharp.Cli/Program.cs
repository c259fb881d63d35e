using GanSharp.Cli;

using var interrupts = Interrupts.FromSignals(Console.Error);
return GanCli.Run(args, Console.Out, Console.Error, interrupts);
