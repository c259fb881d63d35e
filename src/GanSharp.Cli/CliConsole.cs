using Spectre.Console;

namespace GanSharp.Cli;

/// <summary>
/// Where the command prints: the writers it was given, and whether they are an interactive
/// terminal (then a live progress bar) or a pipe or file (then plain periodic lines), and the
/// signals that interrupt it.
/// </summary>
public sealed class CliConsole(TextWriter output, TextWriter error, Interrupts interrupts)
{
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;
    public Interrupts Interrupts { get; } = interrupts;

    public bool IsTerminal =>
        ReferenceEquals(Output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public void Line(string message) => Output.WriteLine(message);
}
